import { buildPlan } from '../engine/build-plan.js';
import { gatherLiveState } from '../engine/gather.js';
import type { LiveState } from '../model/live-state.js';
import type { Plan } from '../model/plan.js';
import type { Output } from './output.js';
import type { RunContext } from './run-context.js';

/** Reads the estate and plans against it, reporting progress on stderr. */
export async function computePlan(context: RunContext, output: Output): Promise<{ plan: Plan; live: LiveState }> {
  const started = Date.now();
  const live = await gatherLiveState(context.provider, context.desired, { parallelism: context.parallelism });
  output.progress(`Read ${live.hosts.length} host(s) and ${live.gpos.length} GPO(s) in ${Date.now() - started} ms${live.errors.length > 0 ? `; ${live.errors.length} could not be read` : ''}.`);
  const plan = buildPlan({ desired: context.desired, live, provider: context.provider.name, targets: context.targets });
  if (context.targetDiagnostics.length > 0) plan.diagnostics.unshift(...context.targetDiagnostics);
  return { plan, live };
}
