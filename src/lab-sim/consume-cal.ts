/**
 * A simulated connection that gets a CAL consumes it like a real one. A per-user CAL is held by
 * its user and a per-device CAL by its device (windows-reference.md §7): a client that already
 * holds an unexpired CAL of the pool consumes nothing. Otherwise one more licence is issued from
 * the pool and recorded: per-device CALs as an issued licence (both keys, 52–89 days), per-user
 * CALs as an entry of the per-user report (60 days). Per-device issuing stops at the pack's
 * total; per-user CALs are not enforced, so the last pack of the pool takes the over-allocation.
 * A full per-device pack with an expired issued licence reissues that CAL: the licence record
 * goes to the new device and the pack's issued count stays (an expired CAL is free again).
 */
import type { CalPool } from '../doctor/cal-pools.js';
import { canonicalHostName } from '../model/host-name.js';
import type { LiveIssuedLicense, LiveKeyPack, LiveLicenseServer, LivePerUserReportEntry } from '../model/live-state.js';
import { isExpiredLicense } from '../model/revoke-allowance.js';
import type { LabHost } from '../providers/lab/lab-estate.js';

export interface ConsumedCal {
  host: LabHost;
  keyPackId: number;
  issued: number;
  total: number;
  /** The client already held this CAL: nothing was issued, `host` is unchanged. */
  alreadyHeld: boolean;
  /** The issued licence's id, for per-device CALs. */
  licenseId?: number;
}

export interface CalClient {
  kind: 'user' | 'device';
  name: string;
  /** ISO-8601 UTC: the time of the connection. */
  now: string;
}

const DAY_MS = 86_400_000;
const PER_USER_DAYS = 60;

/** The licence server with the CAL `client` holds from `pool`, or undefined when no pack of the pool can issue it. */
export function consumeCal(server: LabHost, pool: CalPool, client?: CalClient): ConsumedCal | undefined {
  const ls = server.licenseServer;
  if (!ls) return undefined;
  const ids = new Set(pool.packs.map((pack) => pack.keyPackId));
  const candidates = ls.keyPacks.filter((pack) => ids.has(pack.keyPackId));
  if (client) {
    const held = findHeld(ls, pool, ids, client);
    if (held) {
      const pack = candidates.find((entry) => entry.keyPackId === held.keyPackId) ?? candidates[0];
      if (pack) return { host: server, keyPackId: pack.keyPackId, issued: pack.issued, total: pack.total, alreadyHeld: true, ...(held.licenseId === undefined ? {} : { licenseId: held.licenseId }) };
    }
  }
  const now = client?.now;
  const expiredIn = (pack: LiveKeyPack) => (pool.type === 'perDevice' && now !== undefined ? ls.issuedLicenses?.find((entry) => entry.keyPackId === pack.keyPackId && entry.status === 'active' && isExpiredLicense(entry, now)) : undefined);
  const chosen = candidates.find((pack) => pack.issued < pack.total || expiredIn(pack) !== undefined) ?? (pool.type === 'perUser' ? candidates.at(-1) : undefined);
  if (!chosen) return undefined;
  const reissued = chosen.issued < chosen.total ? undefined : expiredIn(chosen);
  const next: LiveKeyPack = reissued ? chosen : { ...chosen, issued: chosen.issued + 1, available: Math.max(0, chosen.total - chosen.issued - 1) };
  let licenseServer: LiveLicenseServer = { ...ls, keyPacks: ls.keyPacks.map((pack) => (pack === chosen ? next : pack)) };
  let licenseId: number | undefined;
  if (client && pool.type === 'perDevice') {
    const issued = (ls.issuedLicenses ?? []).filter((entry) => entry !== reissued);
    licenseId = 1 + issued.reduce((max, entry) => (entry.keyPackId === chosen.keyPackId ? Math.max(max, entry.licenseId) : max), 0);
    const record: LiveIssuedLicense = {
      keyPackId: chosen.keyPackId,
      licenseId,
      issuedToComputer: client.name,
      issuedAt: client.now,
      expiresAt: addDays(client.now, perDeviceDays(client.name)),
      status: 'active',
    };
    licenseServer = { ...licenseServer, issuedLicenses: [...issued, record] };
  } else if (client) {
    const entry: LivePerUserReportEntry = {
      user: client.name,
      ...(pool.product === undefined ? {} : { product: pool.product }),
      productVersionId: pool.productVersionId,
      expiresAt: addDays(client.now, PER_USER_DAYS),
    };
    licenseServer = { ...licenseServer, perUserReport: { generatedAt: client.now, entries: [...(ls.perUserReport?.entries ?? []), entry] } };
  }
  const host: LabHost = { ...server, licenseServer };
  return { host, keyPackId: next.keyPackId, issued: next.issued, total: next.total, alreadyHeld: false, ...(licenseId === undefined ? {} : { licenseId }) };
}

function findHeld(ls: LiveLicenseServer, pool: CalPool, ids: ReadonlySet<number>, client: CalClient): { keyPackId?: number; licenseId?: number } | undefined {
  const now = Date.parse(client.now);
  const valid = (expiresAt: string | undefined): boolean => expiresAt === undefined || Date.parse(expiresAt) > now;
  if (pool.type === 'perDevice') {
    const name = canonicalHostName(client.name);
    const held = ls.issuedLicenses?.find(
      (entry) => ids.has(entry.keyPackId) && entry.status === 'active' && entry.issuedToComputer !== undefined && canonicalHostName(entry.issuedToComputer) === name && valid(entry.expiresAt),
    );
    return held ? { keyPackId: held.keyPackId, licenseId: held.licenseId } : undefined;
  }
  const user = client.name.toLowerCase();
  const held = ls.perUserReport?.entries.find((entry) => entry.user.toLowerCase() === user && entry.productVersionId === pool.productVersionId && valid(entry.expiresAt));
  return held ? {} : undefined;
}

/** Windows picks a random lifetime of 52–89 days; the lab derives it from the name, so runs repeat. */
function perDeviceDays(name: string): number {
  let hash = 0;
  for (const char of canonicalHostName(name)) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 52 + (hash % 38);
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}
