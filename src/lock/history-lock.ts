/**
 * The lock every writer of a doctor history file holds, `<file>.lock`: appending a sample and
 * rewriting the thinned file both happen under it, so a rewrite never loses a sample appended
 * meanwhile. It is the same lease-based file lock as the lab estate's (docs/locking.md): held for
 * milliseconds, and a writer killed while holding it blocks the file for at most the lease.
 * Readers need no lock: a rewrite replaces the file by rename, so they see the old file or the
 * new one, never a mix.
 */
import { tryFileLock } from './file-lock.js';
import { currentLockOwner } from './lock-owner.js';
import { describeHolder } from './lock-errors.js';
import { describeDuration } from './parse-duration.js';
import { RdsctlError } from '../model/rdsctl-error.js';

export const HISTORY_LOCK_LEASE_MS = 30_000;
/** Longer than a lease, so a writer that was killed never makes the next run fail. */
const WAIT_MS = 45_000;

export async function withHistoryLock<T>(file: string, task: () => Promise<T>, waitMs = WAIT_MS): Promise<T> {
  const paths = { lock: `${file}.lock` };
  const request = { owner: currentLockOwner(), operation: 'doctor history', leaseMs: HISTORY_LOCK_LEASE_MS };
  const started = Date.now();
  for (;;) {
    const attempt = await tryFileLock(paths, request);
    if (attempt.held) {
      try {
        return await task();
      } finally {
        await attempt.lock.release();
      }
    }
    if (Date.now() - started >= waitMs) {
      throw new RdsctlError({
        code: 'LOCK_TIMEOUT',
        kind: 'environment',
        message: `the history file ${file} is locked by ${describeHolder(attempt)} after waiting ${describeDuration(waitMs)}`,
        hint: `the lock ${paths.lock} expires by itself ${HISTORY_LOCK_LEASE_MS / 1000} s after its holder stops; run doctor again then`,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
  }
}
