/**
 * Which GPOs reach a session host, and the policy values they deliver. A GPO linked to an OU
 * applies to computers in that OU and in its child OUs. When several GPOs set the same value,
 * the one linked closest to the computer wins (ties: the one listed first in the estate); a
 * GPO that does not set a value leaves it to the others. A GPO that cannot reach the host (its
 * computer settings disabled, security filtering without it) delivers nothing; a value a
 * higher-precedence GPO overrides (`overriddenBy`) is not delivered by it (model/gpo-reach.ts).
 */
import type { LiveGpo } from '../../model/live-state.js';
import type { LicensingMode } from '../../model/spec.js';
import { blockedGpoSettings, isGpoCutOff } from '../../model/gpo-reach.js';

export interface PolicyValues {
  licensingMode: LicensingMode | null;
  licenseServers: string[] | null;
}

/** A DN in comparable form: case-insensitive, spaces around separators ignored. */
export function normaliseDn(dn: string): string {
  return splitDn(dn).join(',');
}

function splitDn(dn: string): string[] {
  return dn
    .split(/(?<!\\),/)
    .map((part) => part.split('=').map((side) => side.trim()).join('=').toLowerCase())
    .filter((part) => part !== '');
}

/** True when a computer in `ou` is in the scope of a link to `linkedOu`. */
export function isOuWithin(ou: string, linkedOu: string): boolean {
  const computer = normaliseDn(ou);
  const linked = normaliseDn(linkedOu);
  return computer === linked || computer.endsWith(`,${linked}`);
}

/** Depth of the closest link of `gpo` covering `ou`, or -1 when the GPO does not reach it. */
function linkDepth(gpo: LiveGpo, ou: string): number {
  let depth = -1;
  for (const link of gpo.links) {
    if (isOuWithin(ou, link)) depth = Math.max(depth, splitDn(link).length);
  }
  return depth;
}

/** True when the GPO is linked where `ou` inherits it and can apply to `host` (any computer, without one). */
export function isGpoReachingOu(gpo: LiveGpo, ou: string, host?: string): boolean {
  return gpo.exists && linkDepth(gpo, ou) >= 0 && !isGpoCutOff(gpo, host);
}

export function policyValuesForOu(gpos: readonly LiveGpo[], ou: string, host?: string): PolicyValues {
  const reaching = gpos
    .map((gpo, order) => ({ gpo, order, depth: linkDepth(gpo, ou), blocked: blockedGpoSettings(gpo, host) }))
    .filter((entry) => entry.depth >= 0 && isGpoReachingOu(entry.gpo, ou, host))
    .sort((a, b) => b.depth - a.depth || a.order - b.order);
  return {
    licensingMode: reaching.find((entry) => entry.gpo.licensingMode !== null && !entry.blocked.has('licensingMode'))?.gpo.licensingMode ?? null,
    licenseServers: reaching.find((entry) => entry.gpo.licenseServers !== null && !entry.blocked.has('licenseServers'))?.gpo.licenseServers ?? null,
  };
}
