/**
 * Session-host operations: licensing mode and licence-server list (local layer), the grace
 * period and TermService. Writes go to the local layer; when Group Policy controls a setting,
 * Windows refuses the write with WBEM_E_INVALID_OPERATION (windows-reference.md §1.5), and so
 * does the lab.
 */
import type { LiveSessionHost } from '../../../model/live-state.js';
import type { Operation } from '../../../model/operation.js';
import type { LabHost } from '../lab-estate.js';
import { settleLayers } from '../layered-value.js';
import { copyHost, done, failed, noop, type HostOperationContext, type OperationOutcome } from './operation-outcome.js';

/** `setServiceState` arrives here for the TermService service only. */
export type SessionHostOperation = Extract<
  Operation,
  { kind: 'setServiceState' | 'restartService' | 'setLicensingMode' | 'setLicenseServers' | 'resetGracePeriod' }
>;

const GRACE_PERIOD_DAYS = 120;

export function applySessionHostOperation(operation: SessionHostOperation, ctx: HostOperationContext): OperationOutcome {
  const host = ctx.current();
  const sessionHost = host.sessionHost;
  if (!sessionHost) return failed('ROLE_MISSING', `${host.host} is not an RD Session Host`);
  const change = (edit: (copy: LiveSessionHost) => void, detail: string): OperationOutcome => {
    const next: LabHost = copyHost(host);
    edit(next.sessionHost as LiveSessionHost);
    ctx.commit(next);
    return done(detail);
  };
  switch (operation.kind) {
    case 'setServiceState': {
      const state = sessionHost.termService.state;
      if (state === 'missing') return failed('SERVICE_MISSING', `service TermService is not installed on ${host.host}`);
      if (state === operation.state) return noop(`TermService already ${state}`);
      if (operation.state === 'running') return change((copy) => (copy.termService.state = 'running'), 'started TermService');
      return change((copy) => {
        copy.termService.state = 'stopped';
        copy.activeSessions = 0;
      }, `stopped TermService${endedSessions(sessionHost.activeSessions)}`);
    }
    case 'restartService': {
      if (sessionHost.termService.state === 'missing') return failed('SERVICE_MISSING', `service TermService is not installed on ${host.host}`);
      // A restart is an action, not a state: it always happens, and it ends every session.
      return change((copy) => {
        copy.termService.state = 'running';
        copy.activeSessions = 0;
      }, `restarted TermService${endedSessions(sessionHost.activeSessions)}`);
    }
    case 'setLicensingMode': {
      const layers = sessionHost.licensingMode;
      if (layers.local === operation.mode && layers.effective === operation.mode) return noop(`licensing mode already ${describeMode(operation.mode)}`);
      if (layers.source === 'policy') return controlledByPolicy(`the licensing mode of ${host.host}`);
      return change(
        (copy) => (copy.licensingMode = settleLayers<LiveSessionHost['licensingMode']['local']>(operation.mode, layers.policy)),
        `set licensing mode to ${describeMode(operation.mode)} (was ${describeMode(layers.local)})`,
      );
    }
    case 'setLicenseServers': {
      const layers = sessionHost.licenseServers;
      if (sameList(layers.local, operation.servers) && sameList(layers.effective, operation.servers)) {
        return noop(`licence servers already ${describeList(operation.servers)}`);
      }
      if (layers.source === 'policy') return controlledByPolicy(`the licence server list of ${host.host}`);
      return change(
        (copy) => (copy.licenseServers = settleLayers([...operation.servers], layers.policy)),
        `set licence servers to ${describeList(operation.servers)} (was ${describeList(layers.local)})`,
      );
    }
    case 'resetGracePeriod': {
      const before = sessionHost.graceDaysLeft;
      if (before === GRACE_PERIOD_DAYS) return noop(`grace period already at ${GRACE_PERIOD_DAYS} days`);
      return change((copy) => (copy.graceDaysLeft = GRACE_PERIOD_DAYS), `reset the grace period to ${GRACE_PERIOD_DAYS} days (was ${before})`);
    }
  }
}

function controlledByPolicy(setting: string): OperationOutcome {
  return failed(
    'WBEM_E_INVALID_OPERATION',
    `${setting} is controlled by Group Policy; Windows refuses local changes to it (change the GPO instead)`,
    '0x80041016',
  );
}

function endedSessions(count: number): string {
  if (count === 0) return '';
  return count === 1 ? ' (1 session ended)' : ` (${count} sessions ended)`;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function describeList(servers: readonly string[]): string {
  return servers.length === 0 ? '(none)' : servers.join(', ');
}

export function describeMode(mode: string): string {
  if (mode === 'perUser') return 'per user';
  if (mode === 'perDevice') return 'per device';
  return 'not configured';
}
