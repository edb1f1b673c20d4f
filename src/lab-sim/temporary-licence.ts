/**
 * Temporary per-device licences, where windows-reference.md §7 says Windows issues them: on a
 * device's first sign-in, by a licence server that cannot issue it a permanent per-device CAL
 * (an un-activated server "issues only temporary licenses"; a server whose per-device CALs are all
 * issued), valid 90 days. There is no temporary per-user CAL. A device that already had its
 * temporary licence gets no second one: once it has expired the device is refused (RCM event
 * 1011, "the client's temporary license has expired"). Pure.
 */
import type { ServerAttempt } from '../doctor/analyse-session-host.js';
import { canonicalHostName } from '../model/host-name.js';
import type { LiveIssuedLicense, LiveKeyPack, LiveLicenseServer } from '../model/live-state.js';
import type { LabHost } from '../providers/lab/lab-estate.js';

export const TEMPORARY_LICENCE_DAYS = 90;

const DAY_MS = 86_400_000;

/** What the server a device would get its temporary licence from says about it. */
export type TemporaryLicence =
  | { state: 'first'; server: string; expiresAt: string }
  | { state: 'valid'; server: string; licence: LiveIssuedLicense }
  | { state: 'expired'; server: string; licence: LiveIssuedLicense };

/**
 * The temporary licence situation of `device`: with the first reachable server in the host's
 * list that cannot issue permanent per-device CALs only for want of activation or of CALs.
 */
export function temporaryLicenceFor(attempts: readonly ServerAttempt[], device: string, now: string): TemporaryLicence | undefined {
  const issuer = attempts.find((attempt) => attempt.server?.licenseServer !== undefined && (attempt.block?.id === 'RDSL-LS-NOT-ACTIVATED' || attempt.block?.id === 'RDSL-CALS-EXHAUSTED'));
  const server = issuer?.server;
  if (!server?.licenseServer) return undefined;
  const held = heldTemporaryLicence(server.licenseServer, device);
  if (!held) return { state: 'first', server: server.host, expiresAt: addDays(now, TEMPORARY_LICENCE_DAYS) };
  const expired = held.expiresAt !== undefined && Date.parse(held.expiresAt) <= Date.parse(now);
  return expired ? { state: 'expired', server: server.host, licence: held } : { state: 'valid', server: server.host, licence: held };
}

/** The device's temporary licence on this server, the newest when there are several. */
function heldTemporaryLicence(server: LiveLicenseServer, device: string): LiveIssuedLicense | undefined {
  const name = canonicalHostName(device);
  const held = (server.issuedLicenses ?? []).filter((entry) => entry.status === 'temporary' && entry.issuedToComputer !== undefined && canonicalHostName(entry.issuedToComputer) === name);
  return held.sort((a, b) => Date.parse(b.issuedAt ?? '') - Date.parse(a.issuedAt ?? ''))[0];
}

/**
 * Records a device's first temporary licence on the server: one more issued from its temporary
 * per-device pack (created, as Windows does, when the server has none), and the issued licence
 * with `LicenseStatus` temporary.
 */
export function issueTemporaryLicence(server: LabHost, device: string, now: string): { host: LabHost; licence: LiveIssuedLicense } {
  const ls = server.licenseServer as LiveLicenseServer;
  const existing = ls.keyPacks.find((pack) => pack.channel === 'temporary' && pack.type === 'perDevice');
  const model = ls.keyPacks.find((pack) => pack.type === 'perDevice' && pack.product !== undefined) ?? ls.keyPacks.find((pack) => pack.product !== undefined);
  const pack: LiveKeyPack = existing ?? {
    keyPackId: 1 + ls.keyPacks.reduce((max, entry) => Math.max(max, entry.keyPackId), 0),
    ...(model?.product === undefined ? {} : { product: model.product }),
    productVersionId: model?.productVersionId ?? 0,
    type: 'perDevice',
    channel: 'temporary',
    total: 0,
    issued: 0,
    available: 0,
    description: 'Temporary Licenses for RDS Per Device CAL',
  };
  const next: LiveKeyPack = { ...pack, issued: pack.issued + 1 };
  const licenseId = 1 + (ls.issuedLicenses ?? []).reduce((max, entry) => (entry.keyPackId === pack.keyPackId ? Math.max(max, entry.licenseId) : max), 0);
  const licence: LiveIssuedLicense = { keyPackId: pack.keyPackId, licenseId, issuedToComputer: device, issuedAt: now, expiresAt: addDays(now, TEMPORARY_LICENCE_DAYS), status: 'temporary' };
  const keyPacks = existing ? ls.keyPacks.map((entry) => (entry === existing ? next : entry)) : [...ls.keyPacks, next];
  return { host: { ...server, licenseServer: { ...ls, keyPacks, issuedLicenses: [...(ls.issuedLicenses ?? []), licence] } }, licence };
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}
