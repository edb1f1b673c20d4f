/**
 * `show FILE`: a saved plan rendered as text, JSON (the plan document, as `plan --json`) or
 * markdown, without reading any host. With `--check` it re-reads the estate first and says
 * whether the plan is still fresh: exit 0 fresh, 1 stale (STALE_PLAN, naming what moved).
 */
import type { PlanFreshness } from '../../model/plan-freshness.js';
import { renderPlanJsonChunks } from '../../render/render-plan-json.js';
import { renderPlanMarkdown } from '../../render/render-plan-markdown.js';
import { renderPlanTextChunks } from '../../render/render-plan-text.js';
import { readSavedPlan } from '../../saved-plan/read-saved-plan.js';
import type { SavedPlan } from '../../saved-plan/saved-plan.js';
import { checkSavedPlan, stalePlanError } from '../check-saved-plan.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { createRunContext, type CommonOptions } from '../run-context.js';

export interface ShowSavedPlanOptions extends CommonOptions {
  savedPlan: string;
  format: 'text' | 'json' | 'markdown';
  json?: boolean;
  check?: boolean;
}

export async function runShowSavedPlan(options: ShowSavedPlanOptions, output: Output): Promise<number> {
  const file = options.savedPlan;
  const saved = await readSavedPlan(file);
  const freshness = options.check ? await checkFreshness(file, saved, options) : unchecked(file);
  const format = options.json ? 'json' : options.format;
  if (format === 'json') {
    if (freshness.state === 'stale') throw stalePlanError(file, freshness.reasons);
    await output.stdoutChunks(renderPlanJsonChunks(saved.plan));
    return EXIT.ok;
  }
  if (format === 'markdown') output.stdout(renderPlanMarkdown(saved.plan, { freshness, whole: `rdsctl show ${file} prints the whole plan.` }));
  else await output.stdoutChunks(savedPlanTextChunks(file, saved, freshness, { color: output.color('stdout'), width: output.width() }));
  if (freshness.state === 'stale') throw stalePlanError(file, freshness.reasons);
  return EXIT.ok;
}

async function checkFreshness(file: string, saved: SavedPlan, options: ShowSavedPlanOptions): Promise<PlanFreshness> {
  const context = await createRunContext(options);
  try {
    return (await checkSavedPlan(file, saved, context)).freshness;
  } finally {
    await context.provider.close?.();
  }
}

function unchecked(file: string): PlanFreshness {
  return { state: 'unchecked', detail: `rdsctl show ${file} --check re-reads the estate and checks it` };
}

function* savedPlanTextChunks(file: string, saved: SavedPlan, freshness: PlanFreshness, view: { color: boolean; width: number }): Generator<string> {
  yield `${describeSavedPlan(file, saved)}\n\n`;
  yield* renderPlanTextChunks(saved.plan, view);
  yield `${describeFreshness(freshness)}\n`;
}

function describeSavedPlan(file: string, saved: SavedPlan): string {
  return `Saved plan ${file}: made ${saved.createdAt} by rdsctl ${saved.rdsctlVersion} for deployment ${saved.plan.deployment} (provider ${saved.connection.provider}), from a spec with digest ${saved.specDigest}.`;
}

function describeFreshness(freshness: PlanFreshness): string {
  if (freshness.state === 'fresh') return `\nFresh: ${freshness.detail}.`;
  if (freshness.state === 'stale') return `\nStale: ${freshness.reasons.length} value(s) moved since the plan was made; apply would refuse it.`;
  return `\nNot checked against the estate: ${freshness.detail}.`;
}
