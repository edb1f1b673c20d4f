/**
 * Revoking an issued per-device CAL as Windows does (`Win32_TSIssuedLicense.Revoke`): the
 * licence stays listed as `revoked` and its CAL returns to the pack; only a purchased
 * per-device CAL can be revoked, and only while Windows' revoke limit for its product version
 * leaves room (`model/revoke-allowance.ts`). A full limit fails with the date to try again.
 */
import { canonicalHostName } from '../../../model/host-name.js';
import type { Operation } from '../../../model/operation.js';
import { displayOsVersion } from '../../../model/os-version.js';
import { REVOKE_LIMIT_PERCENT, isRevocablePack, revokeAllowance } from '../../../model/revoke-allowance.js';
import { copyHost, done, failed, noop, type HostOperationContext, type OperationOutcome } from './operation-outcome.js';

type RevokeLicense = Extract<Operation, { kind: 'revokeLicense' }>;

export function revokeLicense(operation: RevokeLicense, ctx: HostOperationContext, now: string): OperationOutcome {
  const host = ctx.current();
  const server = host.licenseServer;
  if (!server) return failed('ROLE_MISSING', `${host.host} is not a licence server (the RD Licensing role is not installed)`);
  const name = `${operation.keyPackId}-${operation.licenseId}`;
  const license = server.issuedLicenses?.find((entry) => entry.keyPackId === operation.keyPackId && entry.licenseId === operation.licenseId);
  if (!license) return failed('LICENSE_NOT_FOUND', `${host.host} has no issued licence ${name}`);
  if (license.status === 'revoked') return noop(`licence ${name} is already revoked`);
  if (license.issuedToComputer === undefined || canonicalHostName(license.issuedToComputer) !== canonicalHostName(operation.issuedToComputer)) {
    return failed('LICENSE_HOLDER_CHANGED', `licence ${name} is now held by ${license.issuedToComputer ?? 'no device'}, not ${operation.issuedToComputer}: nothing revoked; plan again`);
  }
  const pack = server.keyPacks.find((entry) => entry.keyPackId === license.keyPackId);
  if (!pack || !isRevocablePack(pack)) return failed('NOT_REVOCABLE', `licence ${name} is not a purchased per-device CAL: only those can be revoked`);
  const allowance = revokeAllowance(server, pack.productVersionId, now);
  if (allowance.remaining === 0) {
    const version = pack.product === undefined ? `product version id ${pack.productVersionId}` : displayOsVersion(pack.product);
    const when = allowance.nextAllowedOn === undefined ? 'later' : `after ${allowance.nextAllowedOn}`;
    return failed('REVOKE_LIMIT', `Windows allows no more revocations of ${version} per-device CALs on ${host.host} now (at most ${REVOKE_LIMIT_PERCENT}%: ${allowance.limit} of ${allowance.installed}, all used); try again ${when}`);
  }
  const next = copyHost(host);
  const ls = next.licenseServer!;
  ls.issuedLicenses = ls.issuedLicenses!.map((entry) => (entry.keyPackId === license.keyPackId && entry.licenseId === license.licenseId ? { ...entry, status: 'revoked' } : entry));
  ls.keyPacks = ls.keyPacks.map((entry) => (entry.keyPackId === pack.keyPackId ? { ...entry, issued: Math.max(0, entry.issued - 1), available: Math.min(entry.total, entry.available + 1) } : entry));
  ctx.commit(next);
  return done(`revoked licence ${name} of ${license.issuedToComputer}; ${allowance.remaining - 1} more may be revoked now`);
}
