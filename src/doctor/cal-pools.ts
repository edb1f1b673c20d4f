/**
 * CAL pools: a licence server's purchased licences grouped by CAL type and product version.
 * Built-in, temporary and unsupported packs are never purchased capacity. Per-user CALs are not
 * enforced and can be over-issued (issued > total), so free CALs are `max(0, total - issued)`
 * and the excess is counted as over-allocation, never as negative capacity. Expired packs no
 * longer count. A per-device CAL whose issued licence has expired is free again (the device
 * stopped renewing it; windows-reference.md §7): it counts as free, up to the pool's total.
 */
import { canonicalHostName } from '../model/host-name.js';
import type { LiveKeyPack, LiveLicenseServer } from '../model/live-state.js';
import { displayOsVersion } from '../model/os-version.js';
import type { CalType, OsVersion } from '../model/spec.js';

export interface CalPool {
  server: string;
  type: CalType;
  /** Absent when the product version id is one rdsctl does not know. */
  product?: OsVersion;
  productVersionId: number;
  total: number;
  issued: number;
  free: number;
  /** Issued beyond total (per-user only; per-device issuing stops at total). */
  overAllocated: number;
  /** Per-device CALs still counted as issued whose licence has expired: free again. */
  expired: number;
  packs: readonly LiveKeyPack[];
}

const NOT_PURCHASED_CHANNELS: ReadonlySet<LiveKeyPack['channel']> = new Set(['builtIn', 'temporary', 'notSupported']);

/** A pack that holds purchased CALs of a real type. */
export function isPurchasedPack(pack: LiveKeyPack): pack is LiveKeyPack & { type: CalType } {
  return (pack.type === 'perUser' || pack.type === 'perDevice') && !NOT_PURCHASED_CHANNELS.has(pack.channel);
}

export function isExpiredPack(pack: LiveKeyPack, now: string): boolean {
  return pack.expiresAt !== undefined && Date.parse(pack.expiresAt) <= Date.parse(now);
}

export function poolKey(server: string, type: CalType, productVersionId: number): string {
  return `${canonicalHostName(server)}|${type}|${productVersionId}`;
}

/** The server's pools, in key-pack order of first appearance. */
export function listCalPools(serverName: string, server: LiveLicenseServer, now: string): CalPool[] {
  const pools = new Map<string, CalPool>();
  const expiredByPack = countExpiredLicenses(server, now);
  for (const pack of server.keyPacks) {
    if (!isPurchasedPack(pack) || isExpiredPack(pack, now)) continue;
    const key = `${pack.type}|${pack.productVersionId}`;
    const pool = pools.get(key) ?? { server: serverName, type: pack.type, product: pack.product, productVersionId: pack.productVersionId, total: 0, issued: 0, free: 0, overAllocated: 0, expired: 0, packs: [] };
    const expired = pack.type === 'perDevice' ? Math.min(pack.issued, expiredByPack.get(pack.keyPackId) ?? 0) : 0;
    pools.set(key, { ...pool, total: pool.total + pack.total, issued: pool.issued + pack.issued, expired: pool.expired + expired, packs: [...pool.packs, pack] });
  }
  return [...pools.values()].map((pool) => ({
    ...pool,
    free: Math.min(pool.total, Math.max(0, pool.total - pool.issued) + pool.expired),
    overAllocated: Math.max(0, pool.issued - pool.total),
  }));
}

/** Active issued licences past their expiry, per key pack; counted once per server and time (pools are listed many times a run). */
function countExpiredLicenses(server: LiveLicenseServer, now: string): ReadonlyMap<number, number> {
  const cached = expiredCounts.get(server);
  if (cached?.now === now && cached.licenses === server.issuedLicenses) return cached.counts;
  const counts = new Map<number, number>();
  const nowMs = Date.parse(now);
  for (const license of server.issuedLicenses ?? []) {
    if (license.status === 'active' && license.expiresAt !== undefined && Date.parse(license.expiresAt) <= nowMs) counts.set(license.keyPackId, (counts.get(license.keyPackId) ?? 0) + 1);
  }
  expiredCounts.set(server, { now, licenses: server.issuedLicenses, counts });
  return counts;
}

const expiredCounts = new WeakMap<LiveLicenseServer, { now: string; licenses: LiveLicenseServer['issuedLicenses']; counts: ReadonlyMap<number, number> }>();

export function describePool(pool: Pick<CalPool, 'type' | 'product' | 'productVersionId'>): string {
  const type = pool.type === 'perUser' ? 'per-user' : 'per-device';
  return `${productLabel(pool)} ${type} CALs`;
}

export function productLabel(pool: Pick<CalPool, 'product' | 'productVersionId'>): string {
  if (pool.product === undefined) return `product version id ${pool.productVersionId}`;
  return displayOsVersion(pool.product);
}
