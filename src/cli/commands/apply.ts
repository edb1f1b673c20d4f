import { applyPlan } from '../../engine/apply-plan.js';
import type { ApplyReport } from '../../model/action-result.js';
import type { Plan } from '../../model/plan.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { renderApplyMarkdown } from '../../render/render-apply-markdown.js';
import { renderApplyEnding, renderApplyReportJsonChunks } from '../../render/render-apply-text.js';
import { renderPlanTextChunks } from '../../render/render-plan-text.js';
import type { LiveState } from '../../model/live-state.js';
import { createApplyProgress } from '../apply-progress.js';
import { runApplyPreflight, type PreflightResult } from '../apply-preflight.js';
import { holdApplyLock, type HeldApplyLock } from '../hold-apply-lock.js';
import { computePlan } from '../compute-plan.js';
import { loadFreshSavedPlan } from './apply-saved-plan.js';
import { askForApproval } from '../confirm.js';
import { EXIT } from '../exit-codes.js';
import { trapInterrupt } from '../interrupt.js';
import type { Output } from '../output.js';
import { createRunContext, type CommonOptions, type RunContext } from '../run-context.js';
import { writeStepSummary } from '../write-step-summary.js';

export interface ApplyOptions extends CommonOptions {
  autoApprove?: boolean;
  json?: boolean;
  /** `text` (default), `json` (same as --json) or `markdown` (a pull-request comment, printed at the end). */
  format?: 'text' | 'json' | 'markdown';
  /** A saved plan file (`apply FILE`): applied exactly, after a staleness check. */
  savedPlan?: string;
  /** How long to wait for a held apply lock (`--lock-timeout`). */
  lockTimeout?: string;
  /** `--audit-log FILE`, over the spec's `policy.auditLog`. */
  auditLog?: string;
}

export async function runApply(options: ApplyOptions, output: Output): Promise<number> {
  if (!options.autoApprove && !output.isInteractive()) {
    throw new RdsctlError({
      code: 'USAGE',
      kind: 'user',
      message: 'apply needs confirmation, but there is no terminal to ask on',
      hint: 'run rdsctl plan to review the changes, then rdsctl apply --auto-approve (as in CI)',
    });
  }
  const context = await createRunContext(options);
  const lock = await holdApplyLock(context.provider, { deployment: context.loaded.spec.deployment, specFile: options.file, lockTimeout: options.lockTimeout, operation: 'apply' });
  try {
    const format = options.json ? 'json' : (options.format ?? 'text');
    const { plan, live, targets } = options.savedPlan !== undefined ? await loadFreshSavedPlan(options.savedPlan, context) : { ...(await computePlan(context, output)), targets: context.targets };
    if (format === 'text') await output.stdoutChunks(renderPlanTextChunks(plan, { color: output.color('stdout'), width: output.width() }));
    const { audit, resolveSecret, earlierRuns } = await runApplyPreflight({ plan, live, targets, context, lock, auditLogFlag: options.auditLog });
    try {
      return await applyChecked({ plan, live, context, lock, audit, resolveSecret, earlierRuns }, { ...options, format }, output);
    } finally {
      await audit.close();
    }
  } finally {
    await lock.release();
    await context.provider.close?.();
  }
}

interface CheckedApply extends PreflightResult {
  plan: Plan;
  live: LiveState;
  context: RunContext;
  lock: HeldApplyLock;
}

async function applyChecked(checked: CheckedApply, options: ApplyOptions, output: Output): Promise<number> {
  const { plan, context, lock, audit } = checked;
  const format = options.format ?? 'text';
  if (checked.earlierRuns.length > 0 && format === 'text') {
    output.stdout(`\nChanges an earlier run started without recording how they ended:\n${checked.earlierRuns.map((line) => `  ${line}\n`).join('')}`);
  }
  if (plan.changes.length === 0 && plan.pending.length === 0) {
    if (format !== 'text') await output.stdoutChunks(renderApplyReport(emptyReport(plan.deployment), format, output));
    return plan.unknownHosts.length > 0 ? EXIT.failed : EXIT.ok;
  }
  const runnable = plan.changes.filter((change) => !change.refused).length;
  if (runnable > 0 && !options.autoApprove && !(await askForApproval(output))) {
    throw new RdsctlError({ code: 'APPLY_CANCELLED', kind: 'user', message: 'apply cancelled; nothing was changed', hint: 'only the answer "yes" approves the changes' });
  }
  if (format === 'text') output.stdout('\n');
  const progress = createApplyProgress(output, audit, { total: plan.changes.length, streamResults: format === 'text' });
  const interrupt = trapInterrupt(output, { inFlight: progress.inFlight });
  const stop = AbortSignal.any([interrupt.signal, lock.lost]);
  let report: ApplyReport;
  try {
    report = await applyPlan({
      plan,
      desired: context.desired,
      live: checked.live,
      provider: context.provider,
      parallelism: context.parallelism,
      resolveSecret: checked.resolveSecret,
      signal: stop,
      events: progress.events,
    });
  } finally {
    progress.finish();
    interrupt.dispose();
  }
  await output.stdoutChunks(renderApplyReport(report, format, output));
  await writeStepSummary(() => renderApplyMarkdown(report), output);
  if (lock.lost.aborted) throw lock.lostError();
  return applyExitCode(report, plan);
}

/** A failed run is 1; a finished run that leaves refused changes behind is 5, so CI notices the drift. */
export function applyExitCode(report: ApplyReport, plan: Plan): number {
  if (report.summary.failed > 0 || report.interrupted || plan.unknownHosts.length > 0) return EXIT.failed;
  return report.summary.refused > 0 ? EXIT.refused : EXIT.ok;
}

function renderApplyReport(report: ApplyReport, format: 'text' | 'json' | 'markdown', output: Output): Iterable<string> {
  if (format === 'json') return renderApplyReportJsonChunks(report);
  if (format === 'markdown') return [renderApplyMarkdown(report)];
  return [`${renderApplyEnding(report, { color: output.color('stdout'), width: output.width() }).join('\n')}\n`];
}

function emptyReport(deployment: string): ApplyReport {
  return {
    formatVersion: 1,
    deployment,
    results: [],
    summary: { applied: 0, unchanged: 0, pending: 0, failed: 0, skipped: 0, refused: 0, interrupted: 0 },
    interrupted: false,
  };
}
