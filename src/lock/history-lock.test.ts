import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tryFileLock } from './file-lock.js';
import { HISTORY_LOCK_LEASE_MS, withHistoryLock } from './history-lock.js';

describe('the history lock', () => {
  it('waits for the holder, then names it; a released lock is taken at once', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rdsctl-history-lock-')), 'history.jsonl');
    const owner = { user: 'alice', machine: 'build-7' };
    const held = await tryFileLock({ lock: `${file}.lock` }, { owner, operation: 'doctor history', leaseMs: HISTORY_LOCK_LEASE_MS });
    if (!held.held) throw new Error('the lock should be free');
    const waited = withHistoryLock(file, async () => 'ran', 200);
    await expect(waited).rejects.toMatchObject({
      code: 'LOCK_TIMEOUT',
      message: `the history file ${file} is locked by alice on build-7 (doctor history) since ${held.lock.record.acquiredAt} after waiting 200 ms`,
    });
    await held.lock.release();
    expect(await withHistoryLock(file, async () => 'ran', 200)).toBe('ran');
  });
});
