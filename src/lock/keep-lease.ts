/**
 * Renews a held lock's lease while apply runs: every third of the lease, so two missed
 * renewals still leave time. When a renewal finds the lock is no longer this run's (forced
 * open, or taken over after the lease ran out), `lost` aborts and apply starts nothing new.
 */
import type { ProviderLock } from '../providers/provider.js';

export interface LeaseKeeper {
  /** Aborts, with the reason as a string, when the lease is lost. */
  lost: AbortSignal;
  stop(): Promise<void>;
}

export function keepLease(lock: ProviderLock, leaseMs: number): LeaseKeeper {
  const controller = new AbortController();
  let lastRenewed = Date.now();
  let running: Promise<void> | undefined;
  const tick = (): void => {
    if (running) return;
    running = (async () => {
      const outcome = await lock.renew().catch(() => 'failed' as const);
      if (outcome === 'renewed') lastRenewed = Date.now();
      else if (outcome === 'lost') controller.abort('another run holds it now');
      else if (Date.now() - lastRenewed >= leaseMs) controller.abort('its lease ran out before it could be renewed');
    })().finally(() => {
      running = undefined;
    });
  };
  const timer = setInterval(tick, Math.max(50, Math.floor(leaseMs / 3)));
  timer.unref();
  return {
    lost: controller.signal,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
