import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tryEstateLock } from '../providers/lab/estate-lock.js';
import type { ProviderLock } from '../providers/provider.js';
import { keepLease, type LeaseKeeper } from './keep-lease.js';

const OWNER = { user: 'alice', machine: 'build-7' };

describe('keepLease', () => {
  let directory: string | undefined;
  let keeper: LeaseKeeper | undefined;
  afterEach(async () => {
    await keeper?.stop();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  async function labLock(leaseMs: number): Promise<ProviderLock> {
    directory = await mkdtemp(join(tmpdir(), 'rdsctl-lease-'));
    const attempt = await tryEstateLock({ lock: join(directory, 'contoso.estate.json.lock') }, { owner: OWNER, operation: 'apply', leaseMs });
    if (!attempt.held) throw new Error('expected to take a free lock');
    return attempt.lock;
  }

  it('runs renewals of one lock one at a time, so a run never mistakes its own renewal for a contender', async () => {
    const lock = await labLock(60_000);
    keeper = keepLease(lock, 60_000);
    // Renewing the lab lock holds its takeover marker; two at once used to find it taken.
    const outcomes = await Promise.all([keeper.renew({ planDigest: 'sha256:aa' }), keeper.renew({ planDigest: 'sha256:bb' }), keeper.renew()]);
    expect(outcomes).toEqual(['renewed', 'renewed', 'renewed']);
    expect(keeper.lost.aborted).toBe(false);
    expect(lock.record.planDigest).toBe('sha256:bb');
  });

  it('keeps the lease while its own timer renews alongside explicit renewals', async () => {
    const lock = await labLock(150);
    keeper = keepLease(lock, 150);
    for (let round = 0; round < 20; round += 1) {
      expect(await keeper.renew({ planDigest: `sha256:${round}` })).toBe('renewed');
      await new Promise((resolve) => setTimeout(resolve, 7));
    }
    expect(keeper.lost.aborted).toBe(false);
  });

  it('says the lease is lost once another run holds the lock', async () => {
    const lock = await labLock(60_000);
    keeper = keepLease(lock, 60_000);
    await lock.release();
    expect(await keeper.renew()).toBe('lost');
    expect(keeper.lost.aborted).toBe(true);
    expect(keeper.lost.reason).toBe('another run holds it now');
  });
});
