/**
 * Decides what happens when a user or device connects to a simulated session host, following
 * the licensing rules: the RD Session Host role, the effective licensing mode, the licence
 * servers in list order (AD discovery when the list is empty), reachability, activation, CAL
 * type, version and availability, per-device issuing and per-user tracking, and the grace
 * period. Pure: the same estate and request always give the same answer.
 */
import { analyseSessionHost, type ServerAttempt } from '../doctor/analyse-session-host.js';
import type { CalPool } from '../doctor/cal-pools.js';
import { DEFAULT_DOCTOR_POLICY } from '../doctor/doctor-input.js';
import { createEstateView } from '../doctor/estate-view.js';
import { REFUSAL_MESSAGE } from '../doctor/refusal-message.js';
import type { DesiredModel } from '../engine/desired-model.js';
import type { LiveState } from '../model/live-state.js';
import { temporaryLicenceFor } from './temporary-licence.js';

export { REFUSAL_MESSAGE };

export interface ConnectionRequest {
  /** The session host connected to. */
  host: string;
  client: { kind: 'user' | 'device'; name: string };
  now: string;
}

export interface AttemptReport {
  server: string;
  outcome: 'issues' | 'cannot issue' | 'unknown';
  detail?: string;
}

export type ConnectionOutcome =
  | { decision: 'issued'; host: string; server: string; pool: CalPool; overAllocated: boolean; viaDiscovery: boolean; attempts: AttemptReport[]; notes: string[] }
  | { decision: 'grace'; host: string; daysLeft: number; attempts: AttemptReport[]; reasons: string[]; notes: string[] }
  /** A per-device client admitted on a temporary licence: its first (`firstTime`), or one still valid. */
  | { decision: 'temporary'; host: string; server: string; firstTime: boolean; expiresAt: string; attempts: AttemptReport[]; reasons: string[]; notes: string[] }
  | { decision: 'noCalNeeded'; host: string; notes: string[] }
  | { decision: 'refused'; host: string; message: string; attempts: AttemptReport[]; reasons: string[]; notes: string[] }
  | { decision: 'unavailable'; host: string; reason: string };

/** `live` must hold the session host with its probes and verdicts (as the lab provider reads it). */
export function simulateConnection(live: LiveState, request: ConnectionRequest, desired?: DesiredModel): ConnectionOutcome {
  const view = createEstateView({ live, desired, policy: DEFAULT_DOCTOR_POLICY, now: request.now });
  const host = view.host(request.host);
  const name = host?.host ?? request.host;
  const error = view.error(request.host);
  if (!host) return { decision: 'unavailable', host: name, reason: error ? error.message : `${request.host} is not in the lab estate` };
  const sessionHost = host.sessionHost;
  if (!sessionHost) return { decision: 'unavailable', host: name, reason: `${name} is not a Remote Desktop session host` };
  if (!sessionHost.roleInstalled) {
    return { decision: 'noCalNeeded', host: name, notes: ['The RD Session Host role is not installed: Remote Desktop for Administration allows two administrative sessions without any CAL; a third connection is refused.'] };
  }
  if (sessionHost.termService.state !== 'running') {
    return { decision: 'unavailable', host: name, reason: `the Remote Desktop Services service (TermService) on ${name} is ${sessionHost.termService.state}` };
  }
  const analysis = analyseSessionHost(host, view, request.now, new Map());
  const attempts = analysis.attempts.map(reportAttempt);
  const notes = clientNotes(request, analysis.mode);
  const issuer = analysis.block ? undefined : analysis.attempts.find((attempt) => attempt.supply?.state === 'ok' && attempt.reach.state !== 'blocked');
  if (issuer?.supply?.state === 'ok') {
    return {
      decision: 'issued',
      host: name,
      server: issuer.server?.host ?? issuer.listed,
      pool: issuer.supply.pool,
      overAllocated: issuer.supply.overAllocated,
      viaDiscovery: analysis.viaDiscovery,
      attempts,
      notes: [...notes, ...issueNotes(issuer, analysis.mode)],
    };
  }
  const reasons = [
    ...(analysis.block ? [analysis.block.detail] : []),
    ...analysis.attempts.flatMap((attempt) => (attempt.block && attempt.block.detail !== analysis.block?.detail ? [attempt.block.detail] : [])),
  ];
  if (reasons.length === 0) reasons.push(`rdsctl cannot tell whether any licence server of ${name} would issue a CAL`);
  if (sessionHost.graceDaysLeft > 0) return { decision: 'grace', host: name, daysLeft: sessionHost.graceDaysLeft, attempts, reasons, notes };
  const temporary = analysis.mode === 'perDevice' && request.client.kind === 'device' ? temporaryLicenceFor(analysis.attempts, request.client.name, request.now) : undefined;
  if (temporary?.state === 'first') {
    return { decision: 'temporary', host: name, server: temporary.server, firstTime: true, expiresAt: temporary.expiresAt, attempts, reasons, notes };
  }
  if (temporary?.state === 'valid') {
    return { decision: 'temporary', host: name, server: temporary.server, firstTime: false, expiresAt: temporary.licence.expiresAt ?? '', attempts, reasons, notes };
  }
  const expired = temporary?.state === 'expired'
    ? [`${request.client.name}'s temporary per-device licence from ${temporary.server} expired${temporary.licence.expiresAt ? ` on ${temporary.licence.expiresAt}` : ''}, and a device gets only one (event 1011)`]
    : [];
  return { decision: 'refused', host: name, message: REFUSAL_MESSAGE, attempts, reasons: [`the grace period has ended (0 days left)`, ...reasons, ...expired], notes };
}

function reportAttempt(attempt: ServerAttempt): AttemptReport {
  const server = attempt.server?.host ?? attempt.listed;
  if (attempt.block) return { server, outcome: 'cannot issue', detail: attempt.block.detail };
  if (attempt.supply?.state === 'ok' && attempt.reach.state !== 'blocked') return { server, outcome: 'issues' };
  return { server, outcome: 'unknown', detail: attempt.supply?.state === 'unknown' ? attempt.supply.detail : 'rdsctl has no state for it' };
}

function clientNotes(request: ConnectionRequest, mode: string): string[] {
  if (mode === 'perUser' && request.client.kind === 'device') return ['The host licenses per user; the CAL goes to the signed-in user, not to the device.'];
  if (mode === 'perDevice' && request.client.kind === 'user') return ['The host licenses per device; the CAL goes to the client device, not to the user.'];
  return [];
}

function issueNotes(issuer: ServerAttempt, mode: string): string[] {
  const notes: string[] = [];
  if (issuer.supply?.state === 'ok' && issuer.supply.overAllocated) {
    notes.push('Every per-user CAL of this pool is already issued: per-user CALs are not enforced, so this one is over-allocated, which breaches the licence agreement.');
  }
  const discovery = issuer.server?.licenseServer?.discovery;
  if (mode === 'perUser' && discovery?.inLicenseServersGroup === false) {
    notes.push(`${issuer.server!.host} is not in the Terminal Server License Servers group: it cannot record this per-user CAL in AD (event 4105).`);
  }
  return notes;
}
