/**
 * The lock host's answer to a lock request (providers/windows/apply-lock.ps1), checked at the
 * boundary like every other frame: a missing or failed frame, a script error or an answer of
 * the wrong shape becomes one clear error; lock records must be whole.
 */
import { asLockRecord, type LockRecord } from '../../lock/lock-record.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import type { FanOutFrame } from '../../transport/host-target.js';
import type { FanOutRun } from '../../transport/run-fan-out.js';
import { cleanMessage, hostErrorForMissingFrame, hostErrorFromFrame, type ScriptFailure } from './map-host-failure.js';

export type LockAction = 'take' | 'renew' | 'release' | 'inspect' | 'forceRelease';

const OUTCOMES: Readonly<Record<LockAction, readonly string[]>> = {
  take: ['held', 'busy'],
  renew: ['renewed', 'lost'],
  release: ['released', 'notHeld'],
  forceRelease: ['released', 'notHeld'],
  inspect: ['free', 'taken'],
};

export interface LockAnswer {
  outcome: string;
  /** The lock file on the lock host, as that host names it. */
  path: string;
  /** The lock host's clock when it answered: leases are judged by it. */
  now: string;
  /** This run's record (held, renewed, released). */
  record?: LockRecord;
  /** Whoever holds the lock instead; absent when there is none or it cannot be read as a record. */
  holder?: LockRecord;
}

function unavailable(lockHost: string, message: string, cause?: unknown): RdsctlError {
  return new RdsctlError({
    code: 'PROVIDER_UNAVAILABLE',
    kind: 'environment',
    message: `the apply lock on lock host ${lockHost} could not be used: ${message}`,
    hint: 'check that the lock host (connection.lockHost, or the first licence server of the spec) is reachable and that rdsctl may write under its ProgramData',
    cause,
  });
}

export function mapLockAnswer(lockHost: string, action: LockAction, frame: FanOutFrame | undefined, run: FanOutRun): LockAnswer {
  if (!frame) throw unreachable(hostErrorForMissingFrame(lockHost, run, 'lock'));
  if (frame.status !== 'ok') throw unreachable(hostErrorFromFrame(lockHost, frame, 'lock'));
  let value: Partial<Record<keyof LockAnswer | 'kind' | 'action' | 'error', unknown>>;
  try {
    value = JSON.parse(frame.payload ?? '') as typeof value;
  } catch {
    throw unavailable(lockHost, 'the host script returned text that is not JSON');
  }
  if (value?.kind !== 'lock' || value.action !== action) throw unavailable(lockHost, `the host script did not answer the lock request (${action})`);
  if (value.error !== undefined) {
    const failure = value.error as ScriptFailure;
    throw unavailable(lockHost, `${cleanMessage(String(failure.message ?? ''))}${failure.code ? ` (${failure.code})` : ''}`);
  }
  const { outcome, path, now } = value;
  if (typeof outcome !== 'string' || !OUTCOMES[action].includes(outcome)) throw unavailable(lockHost, `the lock answer has no known outcome for ${action}`);
  if (typeof path !== 'string' || path === '' || typeof now !== 'string' || Number.isNaN(Date.parse(now))) {
    throw unavailable(lockHost, 'the lock answer names no lock file or no time');
  }
  const answer: LockAnswer = { outcome, path, now };
  for (const key of ['record', 'holder'] as const) {
    if (value[key] === undefined) continue;
    const record = asLockRecord(value[key]);
    if (!record) throw unavailable(lockHost, `the lock answer holds a ${key} that is not a lock record`);
    answer[key] = record;
  }
  if ((outcome === 'held' || outcome === 'renewed') && !answer.record) throw unavailable(lockHost, `the lock answer says ${outcome} but holds no record`);
  return answer;
}

function unreachable(error: { code: string; message: string }): RdsctlError {
  return new RdsctlError({
    code: 'HOST_UNREACHABLE',
    kind: 'environment',
    message: `the apply lock could not be reached: ${error.message}`,
    hint: 'the lock lives on the lock host (connection.lockHost, or the first licence server of the spec): it must be reachable to apply',
  });
}
