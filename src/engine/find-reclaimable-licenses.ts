/**
 * The issued per-device CALs worth revoking: still valid, held by a device that is gone. A
 * device is gone when `reclaim.retiredDevices` names it, or (opt-in) when its computer account
 * is disabled or deleted in Active Directory. An expired CAL is free already and is never
 * revoked; per-user CALs cannot be revoked and are never listed here. Pure: `now` is passed in.
 */
import type { LiveIssuedLicense, LiveLicenseServer } from '../model/live-state.js';
import { isExpiredLicense, isRevocablePack } from '../model/revoke-allowance.js';
import type { DesiredReclaim } from './desired-model.js';
import { createRetiredDeviceMatcher } from './match-retired-device.js';

export type GoneBecause = { kind: 'retired'; entry: string } | { kind: 'directory'; account: 'disabled' | 'missing' };

export interface ReclaimableLicense {
  license: LiveIssuedLicense & { issuedToComputer: string };
  productVersionId: number;
  because: GoneBecause;
}

export function findReclaimableLicenses(server: LiveLicenseServer, reclaim: DesiredReclaim, now: string | undefined): ReclaimableLicense[] {
  if (reclaim.retiredDevices.length === 0 && !reclaim.disabledInDirectory) return [];
  const versionOf = new Map(server.keyPacks.filter(isRevocablePack).map((pack) => [pack.keyPackId, pack.productVersionId]));
  const retired = createRetiredDeviceMatcher(reclaim.retiredDevices);
  const found: ReclaimableLicense[] = [];
  for (const license of server.issuedLicenses ?? []) {
    const productVersionId = versionOf.get(license.keyPackId);
    const computer = license.issuedToComputer;
    if (productVersionId === undefined || computer === undefined || license.status !== 'active' || isExpiredLicense(license, now)) continue;
    const because = goneBecause(computer, license, reclaim, retired);
    if (because) found.push({ license: { ...license, issuedToComputer: computer }, productVersionId, because });
  }
  return found.sort((a, b) => a.license.keyPackId - b.license.keyPackId || a.license.licenseId - b.license.licenseId);
}

function goneBecause(computer: string, license: LiveIssuedLicense, reclaim: DesiredReclaim, retired: (name: string) => string | undefined): GoneBecause | undefined {
  const entry = retired(computer);
  if (entry !== undefined) return { kind: 'retired', entry };
  if (reclaim.disabledInDirectory && (license.computerAccount === 'disabled' || license.computerAccount === 'missing')) return { kind: 'directory', account: license.computerAccount };
  return undefined;
}

export function describeGone(computer: string, because: GoneBecause): string {
  if (because.kind === 'retired') return `${computer} is retired (reclaim.retiredDevices "${because.entry}")`;
  return `${computer}'s computer account is ${because.account === 'disabled' ? 'disabled' : 'deleted'} in Active Directory (reclaim.disabledInDirectory)`;
}
