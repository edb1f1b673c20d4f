/**
 * Re-checks a saved plan against the spec and the estate before anything relies on it: the
 * spec must be the one planned from, and no live value a change was computed from may have
 * moved. Shared by `apply FILE` and `show FILE --check`.
 */
import { gatherLiveState } from '../engine/gather.js';
import type { LiveState } from '../model/live-state.js';
import type { PlanFreshness } from '../model/plan-freshness.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import { describeMovedValue, findMovedValues } from '../saved-plan/find-moved-values.js';
import { digestSpecFile } from '../saved-plan/digest-spec-file.js';
import type { SavedPlan } from '../saved-plan/saved-plan.js';
import type { RunContext } from './run-context.js';

export interface SavedPlanCheck {
  freshness: Extract<PlanFreshness, { state: 'fresh' | 'stale' }>;
  /** The estate as read for the check; absent when the spec already differed. */
  live?: LiveState;
}

export async function checkSavedPlan(file: string, saved: SavedPlan, context: RunContext): Promise<SavedPlanCheck> {
  const specDigest = await digestSpecFile(context.loaded.file);
  if (specDigest !== saved.specDigest) {
    const reason = `stale plan: the spec ${context.loaded.file} has digest ${specDigest}, but ${file} was made from a spec with digest ${saved.specDigest}`;
    return { freshness: { state: 'stale', reasons: [reason] } };
  }
  const live = await gatherLiveState(context.provider, context.desired, { parallelism: context.parallelism });
  const moved = findMovedValues(saved, live);
  if (moved.length > 0) return { freshness: { state: 'stale', reasons: moved.map(describeMovedValue) }, live };
  const changes = Object.keys(saved.basis).length;
  return { freshness: { state: 'fresh', detail: `the spec is the one planned from, and no live value behind its ${changes === 1 ? '1 change' : `${changes} changes`} moved` }, live };
}

/** The STALE_PLAN error for a stale check: the first reason as the message, the rest as detail. */
export function stalePlanError(file: string, reasons: readonly string[]): RdsctlError {
  const [first, ...rest] = reasons;
  return new RdsctlError({
    code: 'STALE_PLAN',
    kind: 'user',
    message: first ?? `stale plan: ${file}`,
    detail: rest.length > 0 ? rest.join('\n') : undefined,
    hint: `nothing was changed; plan again with rdsctl plan --out ${file} and review the new plan`,
  });
}
