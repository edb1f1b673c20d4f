/**
 * Renews a held lock's lease while apply runs: every third of the lease, so two missed
 * renewals still leave time. When a renewal finds the lock is no longer this run's (forced
 * open, or taken over after the lease ran out), `lost` aborts and apply starts nothing new.
 * Renewals never overlap: two at once would contend for the lease's own takeover marker, and
 * the one that lost that contention would take its own lease for lost.
 */
import type { ProviderLock } from '../providers/provider.js';

export interface LeaseKeeper {
  /** Aborts, with the reason as a string, when the lease is lost. */
  lost: AbortSignal;
  /** Renews now (after a renewal in progress), recording `update` in the lock. */
  renew(update: { planDigest?: string }): Promise<'renewed' | 'lost'>;
  stop(): Promise<void>;
}

export function keepLease(lock: ProviderLock, leaseMs: number): LeaseKeeper {
  const controller = new AbortController();
  let lastRenewed = Date.now();
  let running: Promise<void> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.catch(() => undefined).then(task);
    queue = next;
    return next;
  };
  const tick = (): void => {
    if (running) return;
    running = oneAtATime(async () => {
      const outcome = await lock.renew().catch(() => 'failed' as const);
      if (outcome === 'renewed') lastRenewed = Date.now();
      else if (outcome === 'lost') controller.abort('another run holds it now');
      else if (Date.now() - lastRenewed >= leaseMs) controller.abort('its lease ran out before it could be renewed');
    }).finally(() => {
      running = undefined;
    });
  };
  const timer = setInterval(tick, Math.max(50, Math.floor(leaseMs / 3)));
  timer.unref();
  return {
    lost: controller.signal,
    renew: (update) =>
      oneAtATime(async () => {
        const outcome = await lock.renew(update);
        if (outcome === 'renewed') lastRenewed = Date.now();
        return outcome;
      }),
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
