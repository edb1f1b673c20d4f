import { applyPlan } from '../../engine/apply-plan.js';
import type { ApplyReport } from '../../model/action-result.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { renderApplyReportJson, renderApplyReportText } from '../../render/render-apply-text.js';
import { renderPlanText } from '../../render/render-plan-text.js';
import { createSecretResolver } from '../../secrets/create-secret-resolver.js';
import { createAuditLog } from '../audit-log.js';
import { computePlan } from '../compute-plan.js';
import { askForApproval } from '../confirm.js';
import { EXIT } from '../exit-codes.js';
import { trapInterrupt } from '../interrupt.js';
import type { Output } from '../output.js';
import { createRunContext, type CommonOptions } from '../run-context.js';
import { applyProgress } from '../apply-progress.js';

export interface ApplyOptions extends CommonOptions {
  autoApprove?: boolean;
  json?: boolean;
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
  const lock = await context.provider.lock?.();
  try {
    const { plan, live } = await computePlan(context, output);
    if (!options.json) output.stdout(renderPlanText(plan, { color: output.color('stdout') }));
    const runnable = plan.changes.filter((change) => !change.refused);
    if (runnable.length === 0 && plan.pending.length === 0) {
      if (options.json) output.stdout(renderApplyReportJson(emptyReport(plan.deployment)));
      return plan.unknownHosts.length > 0 ? EXIT.failed : EXIT.ok;
    }
    if (!options.autoApprove && !(await askForApproval(output))) {
      output.stderr('Apply cancelled; nothing was changed.\n');
      return EXIT.ok;
    }
    const audit = createAuditLog(context.loaded.directory, plan.deployment);
    const interrupt = trapInterrupt(output);
    let report: ApplyReport;
    try {
      report = await applyPlan({
        plan,
        desired: context.desired,
        live,
        provider: context.provider,
        parallelism: context.parallelism,
        resolveSecret: createSecretResolver(context.loaded.directory),
        signal: interrupt.signal,
        events: applyProgress(output, audit),
      });
    } finally {
      interrupt.dispose();
      await audit.close();
    }
    output.stdout(options.json ? renderApplyReportJson(report) : renderApplyReportText(report, { color: output.color('stdout') }));
    const failed = report.summary.failed > 0 || report.interrupted || plan.unknownHosts.length > 0;
    return failed ? EXIT.failed : EXIT.ok;
  } finally {
    await lock?.release();
    await context.provider.close?.();
  }
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
