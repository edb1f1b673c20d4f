import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LockRecord } from '../../lock/lock-record.js';
import type { LockAttempt, LockRequest, ProviderLock } from '../provider.js';
import { forceFileUnlock, inspectFileLock, tryFileLock } from '../../lock/file-lock.js';
import { resetLabEstate } from './lab-estate-files.js';
import { createLabFixture, RESET_LOCKING, type LabFixture } from './fixtures/lab-test-fixture.js';

const REQUEST: LockRequest = { owner: { user: 'alice', machine: 'build-7', ciRunId: 'github:42' }, operation: 'apply', leaseMs: 60_000 };

function record(overrides: Partial<LockRecord> = {}): LockRecord {
  return {
    formatVersion: 1,
    id: '0b6f3f7e-1d51-4c51-9a0e-3a8e5c1d2b44',
    operation: 'apply',
    owner: { user: 'bob', machine: 'runner-3' },
    acquiredAt: '2026-01-05T10:00:00.000Z',
    renewedAt: '2026-01-05T10:00:00.000Z',
    expiresAt: '2026-01-05T10:01:00.000Z',
    ...overrides,
  };
}

async function writeLock(fixture: LabFixture, holder: LockRecord): Promise<void> {
  await mkdir(dirname(fixture.paths.lock), { recursive: true });
  await writeFile(fixture.paths.lock, JSON.stringify(holder));
}

function heldLock(attempt: LockAttempt): ProviderLock {
  if (!attempt.held) throw new Error(`expected the lock, but ${attempt.holder?.id ?? 'an unreadable lock'} holds it`);
  return attempt.lock;
}

const readLock = async (fixture: LabFixture): Promise<LockRecord> => JSON.parse(await readFile(fixture.paths.lock, 'utf8')) as LockRecord;

describe('lab estate lock', () => {
  let fixture: LabFixture;
  afterEach(() => fixture?.remove());

  it('records id, owner, times and lease; a second taker is told who holds it until it is released', async () => {
    fixture = await createLabFixture();
    const lock = heldLock(await tryFileLock(fixture.paths, REQUEST, () => new Date('2026-01-05T10:00:00.000Z')));
    expect(await readLock(fixture)).toEqual({
      formatVersion: 1,
      id: lock.record.id,
      operation: 'apply',
      owner: { user: 'alice', machine: 'build-7', ciRunId: 'github:42' },
      acquiredAt: '2026-01-05T10:00:00.000Z',
      renewedAt: '2026-01-05T10:00:00.000Z',
      expiresAt: '2026-01-05T10:01:00.000Z',
    });
    const second = await tryFileLock(fixture.paths, REQUEST, () => new Date('2026-01-05T10:00:59.000Z'));
    expect(second).toEqual({ held: false, holder: lock.record, where: fixture.paths.lock });

    await lock.release();
    await expect(readFile(fixture.paths.lock)).rejects.toMatchObject({ code: 'ENOENT' });
    await heldLock(await tryFileLock(fixture.paths, REQUEST)).release();
  });

  it('judges a lease by its expiry, not by a process: a live lease from another machine holds, an expired one is taken over', async () => {
    fixture = await createLabFixture();
    await writeLock(fixture, record());
    expect(await tryFileLock(fixture.paths, REQUEST, () => new Date('2026-01-05T10:00:30.000Z'))).toMatchObject({ held: false, holder: { id: record().id } });
    const lock = heldLock(await tryFileLock(fixture.paths, REQUEST, () => new Date('2026-01-05T10:01:00.000Z')));
    expect((await readLock(fixture)).id).toBe(lock.record.id);
    await lock.release();
  });

  it('lets exactly one of many contenders take over an expired lease, and leaves no marker behind', async () => {
    fixture = await createLabFixture();
    for (let round = 0; round < 10; round += 1) {
      await writeLock(fixture, record({ id: `expired-${round}` }));
      const attempts = await Promise.all(Array.from({ length: 12 }, () => tryFileLock(fixture.paths, REQUEST)));
      const winners = attempts.filter((attempt) => attempt.held);
      expect(winners).toHaveLength(1);
      expect((await readLock(fixture)).id).toBe(heldLock(winners[0] as LockAttempt).record.id);
      await heldLock(winners[0] as LockAttempt).release();
    }
    expect((await readdir(dirname(fixture.paths.lock))).filter((name) => name.startsWith(basename(fixture.paths.lock)))).toEqual([]);
  });

  it('a takeover marker left by a killed process blocks a takeover only until its own short lease ends', async () => {
    fixture = await createLabFixture();
    await writeLock(fixture, record());
    const marker = `${fixture.paths.lock}.takeover-${record().id}`;
    const fresh = new Date(Date.now() + 10_000).toISOString();
    await writeFile(marker, JSON.stringify(record({ id: 'marker-1', operation: 'takeover', expiresAt: fresh })));
    expect(await tryFileLock(fixture.paths, REQUEST)).toMatchObject({ held: false, holder: { id: record().id } });

    await writeFile(marker, JSON.stringify(record({ id: 'marker-1', operation: 'takeover' })));
    const lock = heldLock(await tryFileLock(fixture.paths, REQUEST));
    expect((await readLock(fixture)).id).toBe(lock.record.id);
    await lock.release();
    expect((await readdir(dirname(fixture.paths.lock))).filter((name) => name.includes('.lock'))).toEqual([]);
  });

  it('renews the lease and records the plan; a holder whose lease was taken over learns it lost the lock', async () => {
    fixture = await createLabFixture();
    let now = new Date('2026-01-05T10:00:00.000Z');
    const first = heldLock(await tryFileLock(fixture.paths, REQUEST, () => now));
    now = new Date('2026-01-05T10:00:40.000Z');
    expect(await first.renew({ planDigest: 'sha256:abc' })).toBe('renewed');
    expect(await readLock(fixture)).toMatchObject({ id: first.record.id, renewedAt: '2026-01-05T10:00:40.000Z', expiresAt: '2026-01-05T10:01:40.000Z', planDigest: 'sha256:abc' });

    const second = heldLock(await tryFileLock(fixture.paths, REQUEST, () => new Date('2026-01-05T10:01:40.000Z')));
    expect(await first.renew()).toBe('lost');
    await first.release();
    expect((await readLock(fixture)).id).toBe(second.record.id);
    await second.release();
  });

  it('force-unlock removes only the lock with that id', async () => {
    fixture = await createLabFixture();
    await writeLock(fixture, record());
    expect(await forceFileUnlock(fixture.paths, 'another-id')).toEqual({ released: false, holder: record(), where: fixture.paths.lock });
    expect(await inspectFileLock(fixture.paths)).toEqual({ holder: record(), where: fixture.paths.lock });
    expect(await forceFileUnlock(fixture.paths, record().id)).toEqual({ released: true, record: record(), where: fixture.paths.lock });
    expect(await inspectFileLock(fixture.paths)).toEqual({ where: fixture.paths.lock });
  });

  it('force-unlock leaves the lock alone while a contender holds its takeover marker', async () => {
    fixture = await createLabFixture();
    await writeLock(fixture, record());
    // A contender that judged lease X expired holds X's marker and may already have put its own
    // lock in place: removing the lock now could remove that newer lock.
    const marker = `${fixture.paths.lock}.takeover-${record().id}`;
    const contender = record({ id: '9d1c1f0e-4a52-4f6b-8d3e-1b2c3d4e5f60', operation: 'takeover', expiresAt: '2999-01-01T00:00:00.000Z' });
    await writeFile(marker, JSON.stringify(contender));
    expect(await forceFileUnlock(fixture.paths, record().id)).toEqual({ released: false, holder: record(), where: fixture.paths.lock });
    expect(await readLock(fixture)).toEqual(record());
    expect(JSON.parse(await readFile(marker, 'utf8'))).toEqual(contender);
  });

  it('treats a lock file that is not a lock record as held', async () => {
    fixture = await createLabFixture();
    await mkdir(dirname(fixture.paths.lock), { recursive: true });
    await writeFile(fixture.paths.lock, '{"pid": 12');
    expect(await tryFileLock(fixture.paths, REQUEST)).toEqual({ held: false, where: fixture.paths.lock });
  });

  it('reset refuses to run while an apply holds the lock, naming the holder and the force-unlock command', async () => {
    fixture = await createLabFixture();
    const lock = heldLock(await tryFileLock(fixture.paths, REQUEST));
    await expect(resetLabEstate(fixture.options, RESET_LOCKING)).rejects.toMatchObject({
      code: 'LOCKED',
      message: `the apply lock of deployment contoso is held by alice on build-7 (CI run github:42) (apply) since ${lock.record.acquiredAt}`,
      hint: `wait for it with --lock-timeout DURATION; if that run is gone, its lease expires by itself, or release it now with: rdsctl force-unlock ${lock.record.id}`,
    });
    await lock.release();
  });
});
