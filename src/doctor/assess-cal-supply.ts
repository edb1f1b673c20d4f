/**
 * Can a licence server issue a CAL to a session host in a given mode? The licensing rules in
 * the order Windows applies them (windows-reference.md §2.3, §7): an unactivated server issues
 * only temporary per-device licences; the CAL type must match the host's mode; the CAL version
 * must be the host's OS version or newer; per-device CALs run out, per-user CALs are not
 * enforced and can be over-allocated (a licence-agreement breach, not a refusal).
 */
import type { LiveLicenseServer } from '../model/live-state.js';
import { calServesHost, displayOsVersion, osVersionRank } from '../model/os-version.js';
import type { LicensingMode, OsVersion } from '../model/spec.js';
import { describePool, listCalPools, productLabel, type CalPool } from './cal-pools.js';

export type SupplyBlockId = 'RDSL-LS-NOT-ACTIVATED' | 'RDSL-NO-KEYPACKS' | 'RDSL-CAL-TYPE-MISMATCH' | 'RDSL-CAL-VERSION-OLD' | 'RDSL-CALS-EXHAUSTED';

export type SupplyVerdict =
  | { state: 'ok'; pool: CalPool; overAllocated: boolean }
  | { state: 'blocked'; id: SupplyBlockId; detail: string }
  | { state: 'unknown'; detail: string };

export interface SupplyRequest {
  serverName: string;
  server: LiveLicenseServer;
  mode: LicensingMode;
  hostOs?: OsVersion;
  now: string;
}

export function describeMode(mode: LicensingMode): string {
  return mode === 'perUser' ? 'per-user' : 'per-device';
}

export function assessCalSupply({ serverName, server, mode, hostOs, now }: SupplyRequest): SupplyVerdict {
  if (server.accessDenied) return { state: 'unknown', detail: `rdsctl lacks the rights to read ${serverName}'s licensing data` };
  if (server.activation.status === 'notActivated') {
    return { state: 'blocked', id: 'RDSL-LS-NOT-ACTIVATED', detail: `${serverName} is not activated; an unactivated licence server issues only temporary per-device licences` };
  }
  const pools = listCalPools(serverName, server, now);
  if (pools.length === 0) {
    return { state: 'blocked', id: 'RDSL-NO-KEYPACKS', detail: `${serverName} has no CALs installed (built-in and temporary packs do not count)` };
  }
  const ofType = pools.filter((pool) => pool.type === mode);
  if (ofType.length === 0) {
    const other = describeMode(mode === 'perUser' ? 'perDevice' : 'perUser');
    return {
      state: 'blocked',
      id: 'RDSL-CAL-TYPE-MISMATCH',
      detail: `${serverName} has no ${describeMode(mode)} CALs (only ${other}); a host in ${describeMode(mode)} mode needs ${describeMode(mode)} CALs`,
    };
  }
  const serving = hostOs === undefined ? ofType : ofType.filter((pool) => pool.product !== undefined && calServesHost(pool.product, hostOs));
  if (serving.length === 0) {
    if (ofType.some((pool) => pool.product === undefined)) {
      return { state: 'unknown', detail: `${serverName}'s ${describeMode(mode)} CALs have a product version id rdsctl does not know` };
    }
    const versions = [...new Set(ofType.map((pool) => productLabel(pool)))].join(', ');
    return {
      state: 'blocked',
      id: 'RDSL-CAL-VERSION-OLD',
      detail: `${serverName}'s ${describeMode(mode)} CALs are ${versions}; a ${displayOsVersion(hostOs as OsVersion)} host needs ${displayOsVersion(hostOs as OsVersion)} CALs or newer`,
    };
  }
  const ordered = [...serving].sort((a, b) => rank(a) - rank(b));
  const withFree = ordered.find((pool) => pool.free > 0);
  if (withFree) return { state: 'ok', pool: withFree, overAllocated: false };
  const first = ordered[0] as CalPool;
  if (mode === 'perUser') return { state: 'ok', pool: first, overAllocated: true };
  const issued = ordered.map((pool) => `${pool.issued} of ${pool.total} ${describePool(pool)}`).join(', ');
  return { state: 'blocked', id: 'RDSL-CALS-EXHAUSTED', detail: `every per-device CAL on ${serverName} that serves this host is issued (${issued})` };
}

function rank(pool: CalPool): number {
  return pool.product === undefined ? Number.MAX_SAFE_INTEGER : osVersionRank(pool.product);
}
