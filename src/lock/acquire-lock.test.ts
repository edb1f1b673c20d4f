import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LockAttempt, LockRequest } from '../providers/provider.js';
import { acquireLock } from './acquire-lock.js';

const request: LockRequest = { owner: { user: 'alice', machine: 'ws-1' }, operation: 'apply', leaseMs: 60_000 };

describe('acquireLock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('doubles its pause between attempts up to five seconds, so a waiter does not hammer the lock host', async () => {
    const attemptsAt: number[] = [];
    const lock = vi.fn(async (): Promise<LockAttempt> => {
      attemptsAt.push(Date.now());
      return attemptsAt.length < 9 ? heldByBob() : { held: true, lock: { record: { ...heldByBob().holder!, id: 'mine' }, release: async () => undefined, renew: async () => 'renewed' } };
    });
    const started = Date.now();
    const taken = acquireLock({ provider: { lock }, request, timeoutMs: 600_000, deployment: 'contoso', forceUnlockCommand: (id) => `rdsctl force-unlock ${id}` });
    await vi.runAllTimersAsync();
    expect((await taken)?.record.id).toBe('mine');
    const pauses = attemptsAt.slice(1).map((at, index) => at - (attemptsAt[index] ?? started));
    expect(pauses).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('never pauses past the timeout, then names the holder', async () => {
    const lock = vi.fn(async (): Promise<LockAttempt> => heldByBob());
    const taken = acquireLock({ provider: { lock }, request, timeoutMs: 1000, deployment: 'contoso', forceUnlockCommand: (id) => `rdsctl force-unlock ${id}` });
    const outcome = taken.then(() => 'taken', (error: Error) => error.message);
    await vi.runAllTimersAsync();
    expect(await outcome).toMatch(/^the apply lock of deployment contoso is held by bob on build-2/);
    // 250 + 500 reach 750 ms; the last pause is cut to the 250 ms that remain.
    expect(lock).toHaveBeenCalledTimes(4);
  });
});

function heldByBob(): LockAttempt & { held: false } {
  return {
    held: false,
    holder: { formatVersion: 1, id: '845a6e0b-ba05-490e-a098-86bdd55af2fc', operation: 'apply', owner: { user: 'bob', machine: 'build-2' }, acquiredAt: '2026-12-01T09:00:00.000Z', renewedAt: '2026-12-01T09:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z' },
    where: 'lock file',
  };
}
