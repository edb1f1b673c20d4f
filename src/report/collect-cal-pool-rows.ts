/** The CAL pools section: installed, issued and available per pool, with the spec's declared quantity. */
import { describePool, listCalPools, type CalPool } from '../doctor/cal-pools.js';
import type { DoctorInput } from '../doctor/doctor-input.js';
import { canonicalHostName } from '../model/host-name.js';
import type { Anchors } from './report-anchors.js';
import type { CalPoolRow } from './report-data.js';

export function collectCalPoolRows(input: DoctorInput, anchors: Anchors): CalPoolRow[] {
  const rows: CalPoolRow[] = [];
  for (const host of input.live.hosts) {
    if (!host.licenseServer) continue;
    for (const pool of listCalPools(host.host, host.licenseServer, input.now)) {
      const declared = declaredQuantity(input, host.host, pool);
      rows.push({
        anchor: anchors.of('calpool', poolName(host.host, pool)),
        server: host.host,
        pool: describePool(pool),
        type: pool.type,
        productVersionId: pool.productVersionId,
        installed: pool.total,
        issued: pool.issued,
        available: pool.free,
        overAllocated: pool.overAllocated,
        ...(declared === undefined ? {} : { declared }),
        minFreeCals: input.policy.minFreeCals,
      });
    }
  }
  return rows;
}

/** The name a pool's anchor is given by, shared with the trend section. */
export function poolName(server: string, pool: Pick<CalPool, 'type' | 'productVersionId'>): string {
  return `${canonicalHostName(server)}|${pool.type}|${pool.productVersionId}`;
}

function declaredQuantity(input: DoctorInput, server: string, pool: CalPool): number | undefined {
  const declaration = input.desired?.licenseServers.find((entry) => canonicalHostName(entry.host) === canonicalHostName(server));
  const packs = (declaration?.keyPacks ?? []).filter((pack) => pack.type === pool.type && pack.product === pool.product);
  return packs.length === 0 ? undefined : packs.reduce((sum, pack) => sum + pack.quantity, 0);
}
