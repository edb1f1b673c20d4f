/**
 * The auditors' inventory: every issued CAL the licence servers report, per server — per-device
 * CALs from the issued-licence records, per-user CALs from the per-user usage report — with the
 * key pack it came from, who it was issued to, and when it was issued and expires.
 */
import { describePool, productLabel } from '../doctor/cal-pools.js';
import type { LiveHost, LiveKeyPack } from '../model/live-state.js';
import type { InventoryRow, ReportData } from './report-data.js';

export function collectInventory(hosts: readonly LiveHost[]): ReportData['inventory'] {
  const rows: InventoryRow[] = [];
  const omitted: { server: string; count: number }[] = [];
  for (const host of hosts) {
    const server = host.licenseServer;
    if (!server) continue;
    const packs = new Map(server.keyPacks.map((pack) => [pack.keyPackId, pack] as const));
    for (const licence of server.issuedLicenses ?? []) {
      rows.push({
        server: host.host,
        keyPack: describeKeyPack(packs.get(licence.keyPackId), licence.keyPackId),
        keyPackId: licence.keyPackId,
        issuedTo: licence.issuedToComputer ?? licence.issuedToUser ?? '',
        ...(licence.issuedAt === undefined ? {} : { issuedAt: licence.issuedAt }),
        ...(licence.expiresAt === undefined ? {} : { expiresAt: licence.expiresAt }),
        status: licence.status,
      });
    }
    for (const entry of server.perUserReport?.entries ?? []) {
      rows.push({
        server: host.host,
        keyPack: describePool({ type: 'perUser', ...(entry.product === undefined ? {} : { product: entry.product }), productVersionId: entry.productVersionId }),
        issuedTo: entry.user,
        ...(entry.expiresAt === undefined ? {} : { expiresAt: entry.expiresAt }),
        status: 'active',
      });
    }
    const count = (server.issuedLicensesOmitted ?? 0) + (server.perUserReport?.entriesOmitted ?? 0);
    if (count > 0) omitted.push({ server: host.host, count });
  }
  return { rows, omitted };
}

function describeKeyPack(pack: LiveKeyPack | undefined, keyPackId: number): string {
  if (!pack) return `key pack ${keyPackId}`;
  return pack.description ?? `${productLabel(pack)} ${pack.type}`;
}
