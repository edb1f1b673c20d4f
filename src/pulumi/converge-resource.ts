/**
 * Create and update: under the estate's apply lock, re-read the target, plan the address as
 * `apply --target ADDRESS` would, check the plan's secrets, and apply it with the engine (which
 * re-reads and verifies every change, and computes licence installs from live state at apply
 * time, so a re-run after a crash never installs twice). Every change goes to the audit log, and
 * changes a killed run left in flight at the address are observed and settled first.
 */
import { applyPlan } from '../engine/apply-plan.js';
import type { DesiredModel } from '../engine/desired-model.js';
import type { ManagedResource } from '../engine/list-managed-resources.js';
import type { Plan } from '../model/plan.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import { auditLogFile, openAuditLog, preflightSecrets, resolveSecretsFrom, settleEarlierIntents, withApplyLock } from './engine-adapter.js';
import type { EstateContext } from './estate-context.js';
import { planResource, targetReads } from './plan-resource.js';
import { applyFailedError, describeDiagnostic, refusalError } from './provider-errors.js';

export interface ConvergeOptions {
  lockTimeoutMs: number;
  /** Plan against this model instead of the spec's (a delete plans the spec without the address). */
  desired?: DesiredModel;
  /** The address whose change is applied, when it is not the resource's own. */
  target?: string;
}

export async function convergeResource(context: EstateContext, resource: ManagedResource, options: ConvergeOptions): Promise<void> {
  await withApplyLock(context.provider, { timeoutMs: options.lockTimeoutMs, deployment: context.desired.deployment, specFile: context.loaded.file }, async () => {
    const planned = await planResource(context, resource, { fresh: true, desired: options.desired, target: options.target });
    const target = options.target ?? resource.address;
    if (planned.change?.refused) throw refusalError(target, planned.change.refused);
    const refusedFirst = planned.plan.changes.find((change) => change.refused);
    if (refusedFirst?.refused) throw refusalError(refusedFirst.address, refusedFirst.refused);
    if (planned.blocking.length > 0) {
      throw new RdsctlError({ code: 'APPLY_FAILED', kind: 'user', message: planned.blocking.map(describeDiagnostic).join('; ') });
    }
    if (planned.plan.changes.length === 0 && planned.plan.pending.length === 0) return;
    await applyTargetedPlan(context, planned.plan, planned.slice.desired, planned.live, target);
    // A GPO change reaches its hosts; a host change only that host.
    const touched = resource.target.kind === 'gpo' ? { hosts: planned.slice.hosts, gpos: planned.slice.gpos } : targetReads(resource);
    await context.reads.refresh(touched.hosts, touched.gpos);
  });
}

async function applyTargetedPlan(context: EstateContext, plan: Plan, desired: DesiredModel, live: Parameters<typeof applyPlan>[0]['live'], target: string): Promise<void> {
  const resolveSecret = resolveSecretsFrom(context.loaded.directory);
  await preflightSecrets(plan, resolveSecret);
  const audit = openAuditLog(context.loaded, plan);
  try {
    // What a killed run left in flight at this address is observed and settled, as `rdsctl apply --target` does.
    await settleEarlierIntents({ plan, live, targets: [target], provider: context.provider, auditFile: auditLogFile(context.loaded), audit });
    const report = await applyPlan({
      plan,
      desired,
      live,
      provider: context.provider,
      parallelism: context.parallelism,
      resolveSecret,
      events: { onChangeStart: (change) => audit.intent(change), onChangeDone: (change, result) => audit.outcome(change, result) },
    });
    const unsuccessful = report.results.filter((result) => !['applied', 'unchanged', 'pending'].includes(result.outcome));
    if (unsuccessful.length > 0) throw applyFailedError(unsuccessful);
  } finally {
    await audit.close();
  }
}
