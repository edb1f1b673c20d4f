import { describe, expect, it } from 'vitest';
import type { FanOutFrame } from '../../transport/host-target.js';
import type { FanOutRun } from '../../transport/run-fan-out.js';
import { mapLockAnswer } from './map-lock-answer.js';

const HOST = 'lic01.corp.contoso.com';
const PATH = 'C:\\ProgramData\\rdsctl\\locks\\contoso.lock';
const RECORD = {
  formatVersion: 1,
  id: '845a6e0b-ba05-490e-a098-86bdd55af2fc',
  operation: 'apply',
  owner: { user: 'alice', machine: 'build-7' },
  acquiredAt: '2026-12-02T13:57:19.728Z',
  renewedAt: '2026-12-02T13:57:19.728Z',
  expiresAt: '2026-12-02T13:58:19.728Z',
};
const RUN: FanOutRun = { frames: new Map(), stderr: '', noise: '', timedOut: false, aborted: false, exitCode: 0 };

const frame = (payload: unknown, status: FanOutFrame['status'] = 'ok'): FanOutFrame => ({
  id: 'lock',
  host: HOST,
  status,
  durationMs: 10,
  ...(status === 'ok' ? { payload: JSON.stringify(payload) } : { error: { code: status, message: 'ssh: connect to host 10.0.0.11 port 22: Connection refused' } }),
});
const answer = (fields: Record<string, unknown>): unknown => ({ kind: 'lock', action: 'take', path: PATH, now: '2026-12-02T13:57:20.000Z', ...fields });

describe('mapLockAnswer', () => {
  it('passes a whole answer through: the outcome, the file, the host clock and the records', () => {
    expect(mapLockAnswer(HOST, 'take', frame(answer({ outcome: 'busy', holder: RECORD })), RUN)).toEqual({ outcome: 'busy', path: PATH, now: '2026-12-02T13:57:20.000Z', holder: RECORD });
    expect(mapLockAnswer(HOST, 'take', frame(answer({ outcome: 'held', record: RECORD })), RUN).record).toEqual(RECORD);
  });

  it.each([
    ['an outcome the action does not have', answer({ outcome: 'renewed', record: RECORD }), 'the lock answer has no known outcome for take'],
    ['a held lock without its record', answer({ outcome: 'held' }), 'the lock answer says held but holds no record'],
    ['a holder that is not a lock record', answer({ outcome: 'busy', holder: { ...RECORD, id: 'no spaces allowed' } }), 'the lock answer holds a holder that is not a lock record'],
    ['no time of the lock host', answer({ outcome: 'busy', now: 'noon' }), 'the lock answer names no lock file or no time'],
    ['an answer to another request', { ...(answer({ outcome: 'free' }) as object), action: 'inspect' }, 'the host script did not answer the lock request (take)'],
  ])('refuses %s', (_name, payload, message) => {
    expect(() => mapLockAnswer(HOST, 'take', frame(payload), RUN)).toThrow(`the apply lock on lock host ${HOST} could not be used: ${message}`);
  });

  it('names the script failure, and a lock host that cannot be reached', () => {
    const failed = answer({ error: { code: 'LOCK_UNAVAILABLE', step: 'lock', message: 'ProgramData is not set on this host, so the apply lock has no place' } });
    expect(() => mapLockAnswer(HOST, 'take', frame(failed), RUN)).toThrow(
      expect.objectContaining({ code: 'PROVIDER_UNAVAILABLE', message: `the apply lock on lock host ${HOST} could not be used: ProgramData is not set on this host, so the apply lock has no place (LOCK_UNAVAILABLE)` }),
    );
    expect(() => mapLockAnswer(HOST, 'take', frame(undefined, 'unreachable'), RUN)).toThrow(
      expect.objectContaining({ code: 'HOST_UNREACHABLE', message: `the apply lock could not be reached: cannot reach ${HOST}: ssh: connect to host 10.0.0.11 port 22: Connection refused` }),
    );
    expect(() => mapLockAnswer(HOST, 'take', undefined, { ...RUN, timedOut: true })).toThrow(`the apply lock could not be reached: ${HOST} did not answer before the run's time limit`);
  });
});
