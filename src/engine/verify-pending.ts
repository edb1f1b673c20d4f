/**
 * After an apply, re-reads the hosts that were waiting for a GPO value and reports which now
 * show it and which still wait for their next Group Policy refresh.
 */
import type { ActionResult } from '../model/action-result.js';
import type { PendingRefresh } from '../model/change.js';
import type { Provider } from '../providers/provider.js';
import type { DesiredModel } from './desired-model.js';
import { diffTarget, type DesiredLookup } from './diff-target.js';
import type { EngineEvents } from './engine-events.js';
import { indexLiveState, type LiveIndex } from './live-index.js';

export interface VerifyPendingContext {
  desired: DesiredModel;
  lookup: DesiredLookup;
  baseLive: LiveIndex;
  provider: Provider;
  parallelism: number;
  events?: EngineEvents;
}

export async function verifyPendingHosts(pending: readonly PendingRefresh[], context: VerifyPendingContext): Promise<ActionResult[]> {
  if (pending.length === 0) return [];
  context.events?.onVerifyPending?.(pending.length);
  const fresh = await context.provider.read({ hosts: pending.map((entry) => entry.host), gpos: [], parallelism: context.parallelism });
  const freshIndex = indexLiveState(fresh);
  const live: LiveIndex = {
    host: (name) => freshIndex.host(name) ?? context.baseLive.host(name),
    error: (name) => freshIndex.error(name),
    gpo: (name) => context.baseLive.gpo(name),
    addressesOf: (name) => freshIndex.host(name)?.addresses ?? context.baseLive.addressesOf(name),
  };
  return pending.map((entry): ActionResult => {
    const error = freshIndex.error(entry.host);
    const still = error ? [entry] : diffTarget({ kind: 'host', host: entry.host }, context.desired, context.lookup, live).pending;
    const waiting = still.length > 0;
    return {
      address: entry.address,
      outcome: waiting ? 'pending' : 'applied',
      durationMs: 0,
      performed: waiting ? [] : [`now reports the values of GPO "${entry.gpo}"`],
      diagnostics: waiting
        ? [{ severity: 'info', code: 'PENDING_POLICY_REFRESH', summary: `waits for a Group Policy refresh to pick up GPO "${entry.gpo}"`, hint: 'run gpupdate /force on the host, or wait for the next background refresh', address: entry.address }]
        : [],
    };
  });
}
