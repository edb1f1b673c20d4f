/**
 * A simulated connection that gets a CAL consumes it like a real one: one more licence issued
 * from the pool that served it. Per-device issuing stops at the pack's total; per-user CALs are
 * not enforced, so the last pack of the pool takes the over-allocation.
 */
import type { CalPool } from '../doctor/cal-pools.js';
import type { LiveKeyPack } from '../model/live-state.js';
import type { LabHost } from '../providers/lab/lab-estate.js';

export interface ConsumedCal {
  host: LabHost;
  keyPackId: number;
  issued: number;
  total: number;
}

/** The licence server with one more CAL issued from `pool`, or undefined when no pack of the pool is on it. */
export function consumeCal(server: LabHost, pool: CalPool): ConsumedCal | undefined {
  const ls = server.licenseServer;
  if (!ls) return undefined;
  const ids = new Set(pool.packs.map((pack) => pack.keyPackId));
  const candidates = ls.keyPacks.filter((pack) => ids.has(pack.keyPackId));
  const chosen = candidates.find((pack) => pack.issued < pack.total) ?? (pool.type === 'perUser' ? candidates.at(-1) : undefined);
  if (!chosen) return undefined;
  const next: LiveKeyPack = { ...chosen, issued: chosen.issued + 1, available: Math.max(0, chosen.total - chosen.issued - 1) };
  const host: LabHost = { ...server, licenseServer: { ...ls, keyPacks: ls.keyPacks.map((pack) => (pack === chosen ? next : pack)) } };
  return { host, keyPackId: next.keyPackId, issued: next.issued, total: next.total };
}
