/**
 * Windows' revoke limit: at most 20% of the per-device CALs of one product version installed on
 * a licence server may be revoked at a time (docs/windows.md, "Revoking per-device CALs"). A
 * revoked licence stays listed with status `revoked`; it counts against the limit until the date
 * it would have expired, which is when Windows allows the next revocation (unverified: see
 * `Get-RdsUnverifiedFacts`). Pure: `now` is passed in.
 */
import type { LiveIssuedLicense, LiveKeyPack, LiveLicenseServer } from './live-state.js';

export const REVOKE_LIMIT_PERCENT = 20;

export interface RevokeAllowance {
  /** Purchased per-device CALs of the version installed on the server. */
  installed: number;
  /** How many may be revoked at a time: 20% of `installed`, rounded down. */
  limit: number;
  /** Revoked licences of the version that still count against the limit. */
  counted: number;
  remaining: number;
  /** ISO-8601 UTC: when the first counted revocation stops counting (absent when none does). */
  nextAllowedOn?: string;
}

const NOT_PURCHASED: ReadonlySet<LiveKeyPack['channel']> = new Set(['builtIn', 'temporary', 'notSupported']);

/** A purchased per-device pack: the only CALs Windows can revoke. */
export function isRevocablePack(pack: LiveKeyPack): boolean {
  return pack.type === 'perDevice' && !NOT_PURCHASED.has(pack.channel);
}

/** An issued licence past its expiry: it is free again, never worth revoking. Without `now` nothing has expired. */
export function isExpiredLicense(license: Pick<LiveIssuedLicense, 'expiresAt'>, now: string | undefined): boolean {
  return now !== undefined && license.expiresAt !== undefined && Date.parse(license.expiresAt) <= Date.parse(now);
}

export function revokeAllowance(server: LiveLicenseServer, productVersionId: number, now: string | undefined): RevokeAllowance {
  const packs = server.keyPacks.filter((pack) => isRevocablePack(pack) && pack.productVersionId === productVersionId);
  const ids = new Set(packs.map((pack) => pack.keyPackId));
  const installed = packs.reduce((sum, pack) => sum + pack.total, 0);
  const limit = Math.floor((installed * REVOKE_LIMIT_PERCENT) / 100);
  let counted = 0;
  let nextAllowedOn: string | undefined;
  for (const license of server.issuedLicenses ?? []) {
    if (license.status !== 'revoked' || !ids.has(license.keyPackId) || isExpiredLicense(license, now)) continue;
    counted += 1;
    if (license.expiresAt !== undefined && (nextAllowedOn === undefined || Date.parse(license.expiresAt) < Date.parse(nextAllowedOn))) nextAllowedOn = license.expiresAt;
  }
  const allowance: RevokeAllowance = { installed, limit, counted, remaining: Math.max(0, limit - counted) };
  return nextAllowedOn === undefined ? allowance : { ...allowance, nextAllowedOn };
}
