import { renderPlanJsonChunks } from '../../render/render-plan-json.js';
import { renderPlanMarkdown } from '../../render/render-plan-markdown.js';
import { renderPlanTextChunks } from '../../render/render-plan-text.js';
import type { Plan } from '../../model/plan.js';
import { describeSecretRef, listConnectionSecrets, listNeededSecrets } from '../../engine/list-needed-secrets.js';
import type { ConnectionSpec } from '../../model/spec.js';
import { computePlan } from '../compute-plan.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { createRunContext, type CommonOptions, type RunContext } from '../run-context.js';
import type { LiveState } from '../../model/live-state.js';
import { connectionIdentity } from '../../saved-plan/connection-identity.js';
import { digestSpecFile } from '../../saved-plan/digest-spec-file.js';
import { buildSavedPlan, writeSavedPlan } from '../../saved-plan/write-saved-plan.js';
import { packageVersion } from '../package-version.js';
import { writeStepSummary } from '../write-step-summary.js';

export interface PlanOptions extends CommonOptions {
  format: 'text' | 'json' | 'markdown';
  json?: boolean;
  detailedExitcode?: boolean;
  out?: string;
}

export async function runPlan(options: PlanOptions, output: Output): Promise<number> {
  const context = await createRunContext(options);
  try {
    const { plan, live } = await computePlan(context, output);
    if (options.out !== undefined) await savePlan(options.out, context, plan, live);
    const format = options.json ? 'json' : options.format;
    const view = { color: output.color('stdout'), width: output.width(), savedAs: options.out };
    await output.stdoutChunks(renderPlan(plan, format, view));
    const secrets = describeNeededSecrets(plan, context.loaded.spec.connection);
    if (secrets !== undefined) output.progress(secrets);
    await writeStepSummary(() => [...renderPlan(plan, 'markdown', view)].join(''), output);
    return planExitCode(plan, options.detailedExitcode === true);
  } finally {
    await context.provider.close?.();
  }
}

/** Plan resolves no secret; it says which ones apply will resolve before its first change. */
export function describeNeededSecrets(plan: Plan, connection?: ConnectionSpec): string | undefined {
  const needs = [...listNeededSecrets(plan), ...(connection ? listConnectionSecrets(plan, connection) : [])];
  const refs = [...new Set(needs.map((need) => describeSecretRef(need.ref)))];
  if (refs.length === 0) return undefined;
  return `Apply will need ${refs.length === 1 ? 'this secret' : `these ${refs.length} secrets`}, resolved before its first change: ${refs.join(', ')}.`;
}

/** The plan in pieces, written as they are rendered (markdown, under its size cap, is one piece). */
export function renderPlan(plan: Plan, format: PlanOptions['format'], view: { color: boolean; width: number; savedAs?: string }): Iterable<string> {
  if (format === 'json') return renderPlanJsonChunks(plan);
  if (format === 'markdown') {
    const whole = view.savedAs === undefined ? undefined : `rdsctl show ${view.savedAs} prints the whole plan.`;
    return [renderPlanMarkdown(plan, { freshness: { state: 'fresh', detail: 'planned from the live estate just now' }, ...(whole === undefined ? {} : { whole }) })];
  }
  return renderPlanTextChunks(plan, { color: view.color, width: view.width });
}

/** Unreadable hosts make the run a failure even though the plan for the others is printed. */
export function planExitCode(plan: Plan, detailed: boolean): number {
  if (plan.unknownHosts.length > 0) return EXIT.failed;
  return detailed && plan.hasChanges ? EXIT.changes : EXIT.ok;
}

async function savePlan(file: string, context: RunContext, plan: Plan, live: LiveState): Promise<void> {
  const specDigest = await digestSpecFile(context.loaded.file);
  const saved = buildSavedPlan({ plan, live, rdsctlVersion: packageVersion(), specDigest, connection: connectionIdentity(context.loaded.spec.connection), now: new Date(), targets: context.targets });
  await writeSavedPlan(file, saved);
}
