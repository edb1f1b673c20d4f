/**
 * What apply checks before its first change, so that nothing changes unless everything needed
 * is there: the lock is held (taken before planning) and records the plan, every secret the
 * changes need resolves, and the audit log is writable. Intents an earlier run left without an
 * outcome, in this runner's audit log or in the estate's own ledger (seen from every runner), are
 * reported once each and settled in both, against the plan this run made.
 */
import { listConnectionSecrets } from '../engine/list-needed-secrets.js';
import { currentLockOwner } from '../lock/lock-owner.js';
import type { SecretResolver } from '../model/operation.js';
import type { Plan } from '../model/plan.js';
import { digestCanonicalJson } from '../saved-plan/saved-plan.js';
import { createSecretResolver } from '../secrets/create-secret-resolver.js';
import { preflightSecrets } from '../secrets/preflight-secrets.js';
import type { LiveState } from '../model/live-state.js';
import { settleEarlierIntents } from './audit-log-intents.js';
import { openAuditLog, resolveAuditLogPath, type AuditLog } from './audit-log.js';
import type { HeldApplyLock } from './hold-apply-lock.js';
import type { RunContext } from './run-context.js';

export interface PreflightResult {
  audit: AuditLog;
  resolveSecret: SecretResolver;
  /** One line per change an earlier run started and never recorded the end of. */
  earlierRuns: string[];
}

/** `targets`: the addresses the plan was limited to (`--target`, or the saved plan's); empty for all. */
export async function runApplyPreflight(input: { plan: Plan; live: LiveState; targets: readonly string[]; context: RunContext; lock: HeldApplyLock; auditLogFlag?: string }): Promise<PreflightResult> {
  const { plan, context, lock, targets } = input;
  const resolveSecret = createSecretResolver(context.loaded.directory);
  await preflightSecrets(plan, resolveSecret, listConnectionSecrets(plan, context.loaded.spec.connection));
  const planDigest = digestCanonicalJson(plan);
  const file = resolveAuditLogPath(context.loaded.directory, context.loaded.spec.policy?.auditLog, input.auditLogFlag);
  const audit = openAuditLog({ file, deployment: plan.deployment, planDigest, owner: currentLockOwner() });
  try {
    await lock.recordPlan(planDigest);
    const earlierRuns = await settleEarlierIntents({ plan, live: input.live, targets, provider: context.provider, auditFile: file, audit });
    return { audit, resolveSecret, earlierRuns };
  } catch (error) {
    await audit.close();
    throw error;
  }
}
