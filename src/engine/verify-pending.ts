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

/** Results for the hosts that still wait; hosts that picked the values up are counted only. */
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
  const waiting = pending.filter((entry) => {
    if (freshIndex.error(entry.host)) return true;
    return diffTarget({ kind: 'host', host: entry.host }, context.desired, context.lookup, live).pending.length > 0;
  });
  context.events?.onPendingVerified?.(pending.length - waiting.length, waiting.length);
  return waiting.map((entry): ActionResult => ({
    address: entry.address,
    outcome: 'pending',
    durationMs: 0,
    performed: [],
    diagnostics: [
      {
        severity: 'info',
        code: 'PENDING_POLICY_REFRESH',
        summary: `waits for a Group Policy refresh to pick up GPO "${entry.gpo}"`,
        hint: 'run gpupdate /force on the host, or wait for the next background refresh',
        address: entry.address,
      },
    ],
  }));
}
