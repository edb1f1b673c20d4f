/**
 * Diff of a GPO's two licensing policy values and its OU links. A GPO change is verified at
 * the GPO; the hosts it configures pick the values up at their next Group Policy refresh.
 * Links the spec does not declare are left alone: other settings may rely on them.
 */
import { gpoAddress, gpoLinkAddress } from '../model/address.js';
import type { AttributeChange, Change } from '../model/change.js';
import type { LiveGpo } from '../model/live-state.js';
import { describeReachFixes, explainGpoReach, isGpoCutOff } from '../model/gpo-reach.js';
import type { Operation } from '../model/operation.js';
import type { DesiredGpo } from './desired-model.js';
import type { DiffContext } from './diff-context.js';
import { compareServerLists } from './compare-server-lists.js';
import { guardChange } from './guard-rails.js';

export function diffGpo(desired: DesiredGpo, live: LiveGpo, ctx: DiffContext, activeSessions: number): Change[] {
  const target = { kind: 'gpo', gpo: desired.name, domain: desired.domain } as const;
  const attributes: AttributeChange[] = [];
  const operations: Operation[] = [];
  if (!live.exists) operations.push({ kind: 'createGpo', gpo: desired.name, domain: desired.domain });

  if (desired.licensingMode !== undefined && live.licensingMode !== desired.licensingMode) {
    attributes.push({ name: 'licensingMode', before: live.licensingMode, after: desired.licensingMode });
    operations.push({ kind: 'setGpoLicensingMode', gpo: desired.name, domain: desired.domain, mode: desired.licensingMode });
  }
  if (desired.licenseServers !== undefined) {
    const current = live.licenseServers ?? [];
    const comparison = compareServerLists(current, desired.licenseServers, ctx.live.addressesOf);
    if (live.licenseServers === null || !comparison.equal) {
      attributes.push({ name: 'licenseServers', before: live.licenseServers, after: [...desired.licenseServers] });
      operations.push({ kind: 'setGpoLicenseServers', gpo: desired.name, domain: desired.domain, servers: [...desired.licenseServers] });
    }
  }

  reportGpoCutOff(desired, live, ctx);
  const changes: Change[] = [];
  if (operations.length > 0) {
    const change: Change = {
      address: gpoAddress(desired.name),
      resource: 'gpo',
      action: live.exists ? 'update' : 'create',
      target,
      attributes,
      operations,
      reason: describeUsers(desired.pools),
      dependsOn: [],
    };
    changes.push(guardChange(change, ctx.desired.policy, { activeSessions }));
  }

  const liveLinks = new Set(live.links.map((link) => link.toLowerCase()));
  for (const ou of desired.links) {
    if (liveLinks.has(ou.toLowerCase())) continue;
    changes.push({
      address: gpoLinkAddress(desired.name, ou),
      resource: 'gpo.link',
      action: 'create',
      target,
      attributes: [{ name: 'ou', before: null, after: ou }],
      operations: [{ kind: 'linkGpo', gpo: desired.name, domain: desired.domain, ou }],
      reason: 'hosts in this OU receive the GPO only through a link',
      dependsOn: live.exists ? [] : [gpoAddress(desired.name)],
    });
  }
  return changes;
}

/** What keeps the GPO from every host (status, security filtering, an overriding GPO): changing its values would not help. */
function reportGpoCutOff(desired: DesiredGpo, live: LiveGpo, ctx: DiffContext): void {
  const problems = explainGpoReach(live).filter((problem) => problem.certainty === 'blocks');
  if (problems.length === 0) return;
  const one = desired.pools.length === 1;
  const named = `pool${one ? '' : 's'} ${desired.pools.map((pool) => `"${pool}"`).join(', ')}`;
  const lost = [...new Set(problems.flatMap((problem) => problem.settings))].join(' and ');
  const pools =
    desired.pools.length === 0 ? '' : isGpoCutOff(live) ? ` ${named} ${one ? 'is' : 'are'} not configured by it` : ` ${named} ${one ? 'takes' : 'take'} ${lost} from another GPO`;
  ctx.diagnostics.push({
    severity: 'error',
    code: 'GPO_CANNOT_REACH',
    summary: `GPO "${desired.name}" cannot reach its hosts because ${problems.map((problem) => problem.detail).join('; ')}${pools ? ':' + pools : ''}`,
    hint: describeReachFixes(problems.map((problem) => problem.kind)),
    address: gpoAddress(desired.name),
  });
}

function describeUsers(pools: readonly string[]): string {
  if (pools.length === 0) return 'no pool in the spec is configured by this GPO';
  const names = pools.map((pool) => `"${pool}"`).join(', ');
  return pools.length === 1 ? `pool ${names} takes its licensing settings from this GPO` : `pools ${names} take their licensing settings from this GPO`;
}
