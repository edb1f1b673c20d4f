/**
 * Renews a held lock's lease while apply runs: every third of the lease, so two missed
 * renewals still leave time. When a renewal finds the lock is no longer this run's (forced
 * open, or taken over after the lease ran out), `lost` aborts and apply starts nothing new.
 *
 * Every renewal of one lock goes through here, one at a time: a provider renews under a
 * takeover marker, and a second renewal from the same run arriving while the first holds it
 * would find the marker taken and read that as a contender taking the lease over.
 */
import type { ProviderLock } from '../providers/provider.js';

export interface LeaseKeeper {
  /** Aborts, with the reason as a string, when the lease is lost. */
  lost: AbortSignal;
  /** Renews now (after any renewal in flight), writing `update` into the lock record. */
  renew(update?: { planDigest?: string }): Promise<'renewed' | 'lost'>;
  stop(): Promise<void>;
}

export function keepLease(lock: ProviderLock, leaseMs: number): LeaseKeeper {
  const controller = new AbortController();
  let lastRenewed = Date.now();
  let queue: Promise<unknown> = Promise.resolve();
  let timerRenewalQueued = false;

  const renew = (update?: { planDigest?: string }): Promise<'renewed' | 'lost' | 'failed'> => {
    const next = queue.then(async () => {
      if (controller.signal.aborted) return 'lost' as const;
      const outcome = await lock.renew(update).catch(() => 'failed' as const);
      if (outcome === 'renewed') lastRenewed = Date.now();
      else if (outcome === 'lost') controller.abort('another run holds it now');
      else if (Date.now() - lastRenewed >= leaseMs) controller.abort('its lease ran out before it could be renewed');
      return outcome;
    });
    queue = next;
    return next;
  };

  const tick = (): void => {
    if (timerRenewalQueued) return;
    timerRenewalQueued = true;
    void renew().finally(() => {
      timerRenewalQueued = false;
    });
  };
  const timer = setInterval(tick, Math.max(50, Math.floor(leaseMs / 3)));
  timer.unref();
  return {
    lost: controller.signal,
    async renew(update) {
      const outcome = await renew(update);
      if (outcome === 'failed') throw new Error('the lock could not be renewed');
      return outcome;
    },
    async stop() {
      clearInterval(timer);
      await queue;
    },
  };
}
