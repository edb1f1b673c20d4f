/**
 * `apply FILE`: the saved plan, re-checked against the estate before anything changes. The
 * spec must be the one planned from, and every live value the changes were computed from
 * must be as it was; otherwise the whole plan is refused (STALE_PLAN) and nothing changes.
 */
import { gatherLiveState } from '../../engine/gather.js';
import type { LiveState } from '../../model/live-state.js';
import type { Plan } from '../../model/plan.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { describeMovedValue, findMovedValues } from '../../saved-plan/find-moved-values.js';
import { readSavedPlan } from '../../saved-plan/read-saved-plan.js';
import { digestSpecFile } from '../../saved-plan/digest-spec-file.js';
import type { RunContext } from '../run-context.js';

export async function loadFreshSavedPlan(file: string, context: RunContext): Promise<{ plan: Plan; live: LiveState }> {
  const saved = await readSavedPlan(file);
  const specDigest = await digestSpecFile(context.loaded.file);
  if (specDigest !== saved.specDigest) {
    throw new RdsctlError({
      code: 'STALE_PLAN',
      kind: 'user',
      message: `stale plan: ${context.loaded.file} changed since ${file} was made from it`,
      hint: 'plan again with rdsctl plan --out FILE and review the new plan',
    });
  }
  const live = await gatherLiveState(context.provider, context.desired, { parallelism: context.parallelism });
  const moved = findMovedValues(saved, live);
  if (moved.length > 0) {
    const [first, ...rest] = moved.map(describeMovedValue);
    throw new RdsctlError({
      code: 'STALE_PLAN',
      kind: 'user',
      message: first as string,
      detail: rest.length > 0 ? rest.join('\n') : undefined,
      hint: `nothing was changed; plan again with rdsctl plan --out ${file} and review the new plan`,
    });
  }
  return { plan: saved.plan, live };
}
