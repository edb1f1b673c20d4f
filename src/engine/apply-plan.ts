/**
 * Applies a plan: changes run in dependency order with bounded concurrency, one at a time per
 * target; each is re-read and verified after it is made. A failed change skips its dependents,
 * never its siblings. Once `signal` aborts, changes in flight finish and nothing new starts.
 */
import pLimit from 'p-limit';
import type { ActionResult, ApplyReport, ApplySummary, Outcome } from '../model/action-result.js';
import { describeAllowance, type Change, type ChangeTarget } from '../model/change.js';
import type { LiveState } from '../model/live-state.js';
import type { SecretResolver } from '../model/operation.js';
import type { Plan } from '../model/plan.js';
import type { Provider } from '../providers/provider.js';
import type { DesiredModel } from './desired-model.js';
import type { EngineEvents } from './engine-events.js';
import { executeChange } from './execute-change.js';
import { indexDesired } from './diff-target.js';
import { indexLiveState } from './live-index.js';
import { verifyPendingHosts } from './verify-pending.js';

export interface ApplyPlanOptions {
  plan: Plan;
  desired: DesiredModel;
  /** The live state the plan was computed from. */
  live: LiveState;
  provider: Provider;
  parallelism: number;
  resolveSecret: SecretResolver;
  /** Aborting stops new changes from starting. */
  signal?: AbortSignal;
  events?: EngineEvents;
}

const SUCCEEDED: ReadonlySet<Outcome> = new Set(['applied', 'unchanged', 'pending']);

export async function applyPlan(options: ApplyPlanOptions): Promise<ApplyReport> {
  const { plan, signal } = options;
  const limit = pLimit(Math.max(1, options.parallelism));
  const context = {
    desired: options.desired,
    lookup: indexDesired(options.desired),
    baseLive: indexLiveState(options.live),
    provider: options.provider,
    resolveSecret: options.resolveSecret,
  };
  const byAddress = new Map(plan.changes.map((change) => [change.address, change]));
  const running = new Map<string, Promise<ActionResult>>();
  const targetQueues = new Map<string, Promise<unknown>>();

  const serialisePerTarget = <T>(target: ChangeTarget, task: () => Promise<T>): Promise<T> => {
    const key = target.kind === 'host' ? `host:${target.host.toLowerCase()}` : `gpo:${target.gpo.toLowerCase()}`;
    const previous = targetQueues.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    targetQueues.set(key, next.catch(() => undefined));
    return next;
  };

  const run = (change: Change): Promise<ActionResult> => {
    const existing = running.get(change.address);
    if (existing) return existing;
    const promise = (async (): Promise<ActionResult> => {
      if (change.refused) return outcomeOnly(change, 'refused', `refused by guard rail ${change.refused.rule} (${change.refused.policyKey ?? describeAllowance(change.refused)})`);
      const dependencies = change.dependsOn.map((address) => byAddress.get(address)).filter((other): other is Change => other !== undefined);
      const results = await Promise.all(dependencies.map(run));
      const blocker = results.find((result) => !SUCCEEDED.has(result.outcome));
      if (blocker) return outcomeOnly(change, 'skipped', `depends on ${blocker.address}, which ${describeOutcome(blocker.outcome)}`);
      return limit(() =>
        serialisePerTarget(change.target, async () => {
          if (signal?.aborted) return outcomeOnly(change, 'interrupted', 'not started: the run was interrupted');
          const intent = options.events?.onChangeStart?.(change);
          return executeChange(change, context, intent ?? undefined);
        }),
      );
    })().then((result) => {
      options.events?.onChangeDone?.(change, result);
      return result;
    });
    running.set(change.address, promise);
    return promise;
  };

  const results = await Promise.all(plan.changes.map(run));
  const interrupted = signal?.aborted ?? false;
  const pendingResults = interrupted ? [] : await verifyPendingHosts(plan.pending, { ...context, parallelism: options.parallelism, events: options.events });
  const all = [...results, ...pendingResults];
  return { formatVersion: 1, deployment: plan.deployment, results: all, summary: summarise(all), interrupted };
}

function outcomeOnly(change: Change, outcome: Outcome, summary: string): ActionResult {
  return {
    address: change.address,
    outcome,
    durationMs: 0,
    performed: [],
    diagnostics: [{ severity: outcome === 'interrupted' ? 'warning' : 'info', code: `CHANGE_${outcome.toUpperCase()}`, summary, address: change.address }],
  };
}

function describeOutcome(outcome: Outcome): string {
  if (outcome === 'refused') return 'was refused';
  if (outcome === 'interrupted') return 'was not started';
  return outcome === 'skipped' ? 'was skipped' : 'failed';
}

function summarise(results: readonly ActionResult[]): ApplySummary {
  const summary: ApplySummary = { applied: 0, unchanged: 0, pending: 0, failed: 0, skipped: 0, refused: 0, interrupted: 0 };
  for (const result of results) summary[result.outcome] += 1;
  return summary;
}
