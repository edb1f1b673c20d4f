/**
 * The apply lock as commands use it: taken (waiting up to `--lock-timeout`), its lease renewed
 * while the command runs, released at the end. A held lock's error names the holder and the
 * exact `rdsctl force-unlock` command for this spec.
 */
import { acquireLock, lockLostError } from '../lock/acquire-lock.js';
import { keepLease } from '../lock/keep-lease.js';
import { leaseLengthMs } from '../lock/lease-length.js';
import { currentLockOwner } from '../lock/lock-owner.js';
import { lockContext } from '../lock/lock-errors.js';
import { parseDuration } from '../lock/parse-duration.js';
import type { RdsctlError } from '../model/rdsctl-error.js';
import type { Provider } from '../providers/provider.js';

export interface HoldLockOptions {
  deployment: string;
  /** The spec as the user gave it with `-f`. */
  specFile: string;
  /** `--lock-timeout`, as typed; default 0 (do not wait). */
  lockTimeout?: string;
  operation: string;
  signal?: AbortSignal;
}

export interface HeldApplyLock {
  /** Aborts when the lease is lost; `lostError()` then says why. */
  lost: AbortSignal;
  lostError(): RdsctlError;
  /** Writes the plan's digest into the lock record. */
  recordPlan(planDigest: string): Promise<void>;
  release(): Promise<void>;
}

export async function holdApplyLock(provider: Provider, options: HoldLockOptions): Promise<HeldApplyLock> {
  const timeoutMs = parseDuration(options.lockTimeout ?? '0', '--lock-timeout');
  const leaseMs = leaseLengthMs();
  const lock = await acquireLock({
    ...lockContext(options.deployment, options.specFile),
    provider,
    request: { owner: currentLockOwner(), operation: options.operation, leaseMs },
    timeoutMs,
    signal: options.signal,
  });
  if (lock === undefined) {
    const never = new AbortController().signal;
    return { lost: never, lostError: () => lockLostError(options.deployment, 'unknown'), recordPlan: async () => undefined, release: async () => undefined };
  }
  const keeper = keepLease(lock, leaseMs);
  return {
    lost: keeper.lost,
    lostError: () => lockLostError(options.deployment, String(keeper.lost.reason ?? 'unknown')),
    async recordPlan(planDigest) {
      if ((await keeper.renew({ planDigest })) === 'lost') throw lockLostError(options.deployment, 'another run holds it now');
    },
    async release() {
      await keeper.stop();
      await lock.release();
    },
  };
}
