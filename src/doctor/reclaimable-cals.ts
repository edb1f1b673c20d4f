/**
 * What reclaiming could free on a licence server, as doctor reports it: per-device CALs still
 * valid on devices the spec shows as gone (`reclaim`), and how many of them Windows' revoke limit
 * lets go now. Each is a revocation the plan carries at `licenseServer[…].issuedLicense[…]`.
 */
import { findReclaimableLicenses, describeGone, type ReclaimableLicense } from '../engine/find-reclaimable-licenses.js';
import { issuedLicenseAddress } from '../model/address.js';
import type { LiveLicenseServer } from '../model/live-state.js';
import { revokeAllowance } from '../model/revoke-allowance.js';
import type { CalPool } from './cal-pools.js';
import type { DoctorContext } from './doctor-context.js';
import type { Evidence } from './finding.js';

export interface ReclaimableCals {
  licenses: readonly ReclaimableLicense[];
  /** How many of them Windows lets be revoked now. */
  revocableNow: number;
  /** Plan addresses of the revocations that fit the limit. */
  addresses: readonly string[];
}

const EVIDENCE_LIMIT = 10;

export function findReclaimableCals(context: DoctorContext, serverName: string, server: LiveLicenseServer, pools: readonly CalPool[]): ReclaimableCals {
  const reclaim = context.input.desired?.reclaim;
  if (!reclaim) return { licenses: [], revocableNow: 0, addresses: [] };
  const versions = new Set(pools.map((pool) => pool.productVersionId));
  const licenses = findReclaimableLicenses(server, reclaim, context.input.now).filter((entry) => versions.has(entry.productVersionId));
  const addresses: string[] = [];
  for (const version of versions) {
    const ofVersion = licenses.filter((entry) => entry.productVersionId === version);
    const fits = ofVersion.slice(0, revokeAllowance(server, version, context.input.now).remaining);
    addresses.push(...fits.map((entry) => issuedLicenseAddress(serverName, entry.license.keyPackId, entry.license.licenseId)));
  }
  return { licenses, revocableNow: addresses.length, addresses };
}

/** One line of evidence per reclaimable CAL (the first few), read from the issued-licence list. */
export function reclaimableEvidence(serverName: string, reclaimable: ReclaimableCals): Evidence[] {
  const shown = reclaimable.licenses.slice(0, EVIDENCE_LIMIT).map(({ license, because }): Evidence => ({
    host: serverName,
    item: `issued licence ${license.keyPackId}-${license.licenseId}`,
    value: `${describeGone(license.issuedToComputer, because)}; valid until ${license.expiresAt ?? 'an unknown date'}`,
    source: 'wmi',
  }));
  const more = reclaimable.licenses.length - shown.length;
  return more > 0 ? [...shown, { host: serverName, item: 'more issued licences of devices that are gone', value: more, source: 'wmi' }] : shown;
}
