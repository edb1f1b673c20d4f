/**
 * `apply FILE`: the saved plan, re-checked against the estate before anything changes. The
 * spec must be the one planned from, and every live value the changes were computed from
 * must be as it was; otherwise the whole plan is refused (STALE_PLAN) and nothing changes.
 */
import type { LiveState } from '../../model/live-state.js';
import type { Plan } from '../../model/plan.js';
import { readSavedPlan } from '../../saved-plan/read-saved-plan.js';
import { checkSavedPlan, stalePlanError } from '../check-saved-plan.js';
import type { RunContext } from '../run-context.js';

/** `targets`: what `plan --target` limited the saved plan to (empty for the whole estate). */
export async function loadFreshSavedPlan(file: string, context: RunContext): Promise<{ plan: Plan; live: LiveState; targets: string[] }> {
  const saved = await readSavedPlan(file);
  const { freshness, live } = await checkSavedPlan(file, saved, context);
  if (freshness.state === 'stale' || live === undefined) throw stalePlanError(file, freshness.state === 'stale' ? freshness.reasons : []);
  return { plan: saved.plan, live, targets: saved.targets ?? [] };
}
