/**
 * Revocations that `reclaim` asks for: one delete per issued per-device CAL still valid on a
 * device that is gone, addressed `licenseServer[HOST].issuedLicense[KEYPACK-LICENSE]`. Never
 * more per product version than Windows' revoke limit leaves (the rest wait for a later apply,
 * said in a diagnostic), and refused unless `policy.allow.calRevocation` is true. Once the plan's
 * changes are selected, `chainRevocations` makes the revocations of one version on one server a
 * chain (each depends on the one before): once Windows says the quota is spent, apply stops there
 * and skips the rest instead of asking again for each. Chaining after `--target` selection means
 * targeting one revocation never pulls in the others.
 */
import { issuedLicenseAddress, licenseServerAddress } from '../model/address.js';
import type { Change } from '../model/change.js';
import { canonicalHostName } from '../model/host-name.js';
import type { LiveLicenseServer } from '../model/live-state.js';
import { displayOsVersion } from '../model/os-version.js';
import { REVOKE_LIMIT_PERCENT, revokeAllowance } from '../model/revoke-allowance.js';
import type { DesiredLicenseServer } from './desired-model.js';
import type { DiffContext } from './diff-context.js';
import { describeGone, findReclaimableLicenses, type ReclaimableLicense } from './find-reclaimable-licenses.js';
import { guardChange } from './guard-rails.js';
import type { LiveIndex } from './live-index.js';

export function diffIssuedLicenses(desired: DesiredLicenseServer, live: LiveLicenseServer, ctx: DiffContext): Change[] {
  const { reclaim, policy } = ctx.desired;
  reportUnreadDirectory(desired.host, live, ctx);
  reportUnlistedLicenses(desired.host, live, ctx);
  const byVersion = new Map<number, ReclaimableLicense[]>();
  for (const entry of findReclaimableLicenses(live, reclaim, ctx.readAt)) {
    byVersion.set(entry.productVersionId, [...(byVersion.get(entry.productVersionId) ?? []), entry]);
  }
  const changes: Change[] = [];
  for (const [productVersionId, entries] of byVersion) {
    const allowance = revokeAllowance(live, productVersionId, ctx.readAt);
    const now = entries.slice(0, allowance.remaining);
    changes.push(...now.map((entry) => guardChange(revocation(desired.host, entry), policy, { activeSessions: 0 })));
    const waiting = entries.length - now.length;
    if (waiting === 0) continue;
    const product = live.keyPacks.find((pack) => pack.productVersionId === productVersionId)?.product;
    const version = product === undefined ? `product version id ${productVersionId}` : displayOsVersion(product);
    ctx.diagnostics.push({
      severity: 'warning',
      code: 'REVOKE_LIMIT',
      summary: `${desired.host}: ${waiting} more ${version} per-device CAL(s) of devices that are gone wait for a later apply`,
      detail: `Windows lets an administrator revoke at most ${REVOKE_LIMIT_PERCENT}% of a version's per-device CALs at a time: ${allowance.limit} of the ${allowance.installed} installed, ${allowance.counted} of them already revoked.`,
      hint: allowance.nextAllowedOn === undefined
        ? 'run rdsctl apply again once the revocations already made stop counting; unused per-device CALs also expire by themselves after 52–89 days'
        : `run rdsctl apply again after ${allowance.nextAllowedOn}; unused per-device CALs also expire by themselves after 52–89 days`,
      address: licenseServerAddress(desired.host),
    });
  }
  return changes;
}

/** Links each revocation to the previous one of the same server and product version, in plan order. */
export function chainRevocations(changes: readonly Change[], live: LiveIndex): Change[] {
  const last = new Map<string, string>();
  return changes.map((change) => {
    const operation = change.operations[0];
    if (change.resource !== 'licenseServer.issuedLicense' || operation?.kind !== 'revokeLicense' || change.target.kind !== 'host') return change;
    const pack = live.host(change.target.host)?.licenseServer?.keyPacks.find((entry) => entry.keyPackId === operation.keyPackId);
    const key = `${canonicalHostName(change.target.host)}|${pack?.productVersionId ?? operation.keyPackId}`;
    const previous = last.get(key);
    last.set(key, change.address);
    return previous === undefined ? change : { ...change, dependsOn: [...change.dependsOn, previous] };
  });
}

function revocation(host: string, { license, because }: ReclaimableLicense): Change {
  return {
    address: issuedLicenseAddress(host, license.keyPackId, license.licenseId),
    resource: 'licenseServer.issuedLicense',
    action: 'delete',
    target: { kind: 'host', host },
    attributes: [
      { name: 'issuedToComputer', before: license.issuedToComputer, after: null },
      { name: 'expiresAt', before: license.expiresAt ?? null, after: null },
    ],
    operations: [{ kind: 'revokeLicense', keyPackId: license.keyPackId, licenseId: license.licenseId, issuedToComputer: license.issuedToComputer }],
    reason: `${describeGone(license.issuedToComputer, because)}: revoking returns its per-device CAL to the pool`,
    dependsOn: [],
  };
}

/** Licences beyond the provider's read cap are counted, not listed: reclaim cannot see their holders. */
function reportUnlistedLicenses(host: string, live: LiveLicenseServer, ctx: DiffContext): void {
  const { retiredDevices, disabledInDirectory } = ctx.desired.reclaim;
  const omitted = live.issuedLicensesOmitted ?? 0;
  if (omitted === 0 || (retiredDevices.length === 0 && !disabledInDirectory)) return;
  ctx.diagnostics.push({
    severity: 'info',
    code: 'ISSUED_LICENSES_UNLISTED',
    summary: `${host}: ${omitted} issued licence(s) beyond the read cap were not listed, so reclaim did not examine them`,
    hint: 'the Windows provider lists at most 50,000 issued licences per server (docs/windows.md); revoke the CALs of retired devices beyond them in RD Licensing Manager',
    address: licenseServerAddress(host),
  });
}

/** Reclaiming by directory state needs the computer accounts, which not every provider reads. */
function reportUnreadDirectory(host: string, live: LiveLicenseServer, ctx: DiffContext): void {
  if (!ctx.desired.reclaim.disabledInDirectory) return;
  const licenses = live.issuedLicenses ?? [];
  if (licenses.length === 0 || licenses.some((license) => license.computerAccount !== undefined)) return;
  ctx.diagnostics.push({
    severity: 'warning',
    code: 'DIRECTORY_NOT_READ',
    summary: `${host}: the computer accounts of its CAL holders were not read, so reclaim.disabledInDirectory revokes nothing there`,
    hint: 'name the devices that are gone in reclaim.retiredDevices',
    address: licenseServerAddress(host),
  });
}
