/**
 * Takes a provider's apply lock, waiting up to `timeoutMs` while someone else holds it. The
 * provider decides atomically who wins; this only retries and, in the end, names the holder.
 * The pause between attempts doubles up to `maxRetryMs`: on a Windows estate every attempt is a
 * remote session on the lock host, and a waiter polling four times a second would take the
 * CPU the holder needs and load the lock host for as long as the holder runs.
 */
import type { LockRequest, Provider, ProviderLock } from '../providers/provider.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import { lockHeldError, type LockContext } from './lock-errors.js';

export interface AcquireLockOptions extends LockContext {
  provider: Pick<Provider, 'lock'>;
  request: LockRequest;
  timeoutMs: number;
  signal?: AbortSignal;
  /** First pause between attempts (default 250 ms, never longer than what is left). */
  retryMs?: number;
  /** Longest pause the doubling reaches (default 5 s). */
  maxRetryMs?: number;
}

export const MAX_LOCK_RETRY_MS = 5000;

export async function acquireLock(options: AcquireLockOptions): Promise<ProviderLock | undefined> {
  const { provider } = options;
  if (provider.lock === undefined) return undefined;
  const started = Date.now();
  const maxRetryMs = options.maxRetryMs ?? MAX_LOCK_RETRY_MS;
  let retryMs = Math.min(options.retryMs ?? 250, maxRetryMs);
  for (;;) {
    const attempt = await provider.lock(options.request);
    if (attempt.held) return attempt.lock;
    const waited = Date.now() - started;
    if (waited >= options.timeoutMs || options.signal?.aborted) {
      throw lockHeldError(attempt, options, options.timeoutMs > 0 ? options.timeoutMs : undefined);
    }
    await pause(Math.min(retryMs, options.timeoutMs - waited) * (0.5 + Math.random()), options.signal);
    retryMs = Math.min(retryMs * 2, maxRetryMs);
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function lockLostError(deployment: string, reason: string): RdsctlError {
  return new RdsctlError({
    code: 'LOCK_LOST',
    kind: 'environment',
    message: `the apply lock of deployment ${deployment} was lost: ${reason}; no new change was started`,
    hint: 'run rdsctl plan to see what changed, then apply again',
  });
}
