import { describe, expect, it } from 'vitest';
import type { ProviderLock } from '../providers/provider.js';
import { keepLease } from './keep-lease.js';

/** A lock whose renewals take a while and that reports `lost` when two overlap, as the lease's takeover marker does. */
function slowLock(renewMs: number): ProviderLock & { renewals: number; overlaps: number } {
  let inFlight = 0;
  const lock = {
    renewals: 0,
    overlaps: 0,
    record: { formatVersion: 1 as const, id: 'lease', operation: 'apply', owner: { user: 'u', machine: 'm' }, acquiredAt: '', renewedAt: '', expiresAt: '' },
    async renew(): Promise<'renewed' | 'lost'> {
      inFlight += 1;
      lock.renewals += 1;
      const overlapping = inFlight > 1;
      if (overlapping) lock.overlaps += 1;
      await new Promise((resolve) => setTimeout(resolve, renewMs));
      inFlight -= 1;
      return overlapping ? 'lost' : 'renewed';
    },
    release: async () => undefined,
  };
  return lock;
}

describe('keepLease', () => {
  it('an explicit renewal (recording the plan) waits for a periodic one in progress instead of contending with it', async () => {
    const lock = slowLock(40);
    const keeper = keepLease(lock, 150); // a periodic renewal every 50 ms
    await new Promise((resolve) => setTimeout(resolve, 60)); // one is in progress now
    const outcomes = await Promise.all([keeper.renew({ planDigest: 'sha256:1' }), keeper.renew({ planDigest: 'sha256:2' })]);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await keeper.stop();
    expect(outcomes).toEqual(['renewed', 'renewed']);
    expect(lock.overlaps).toBe(0);
    expect(keeper.lost.aborted).toBe(false);
    expect(lock.renewals).toBeGreaterThanOrEqual(3);
  });
});
