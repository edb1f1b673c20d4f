/**
 * The one place the Pulumi path reaches the apply machinery the CLI shares: the estate's apply
 * lock, the secret resolver and the audit log. Kept to this module so it can follow the CLI
 * when those move.
 */
import { openAuditLog as openCliAuditLog, resolveAuditLogPath, type AuditLog } from '../cli/audit-log.js';
export { settleEarlierIntents } from '../cli/audit-log-intents.js';
import type { Plan } from '../model/plan.js';
import { canonicalJson, digestBytes } from '../saved-plan/saved-plan.js';
import type { LoadedSpec } from '../spec/loaded-spec.js';
import type { SecretResolver } from '../model/operation.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import type { Provider, ProviderLock } from '../providers/provider.js';
import { createSecretResolver } from '../secrets/create-secret-resolver.js';
import { acquireLock } from '../lock/acquire-lock.js';
import { keepLease } from '../lock/keep-lease.js';
import { leaseLengthMs } from '../lock/lease-length.js';
import { currentLockOwner } from '../lock/lock-owner.js';

const RETRY_MS = 100;

export interface LockOptions {
  timeoutMs: number;
  /** Names the estate in messages. */
  deployment: string;
  /** The spec, for the force-unlock command a held lock's error gives. */
  specFile?: string;
}

/**
 * Runs `task` holding the estate's apply lock: first this process's own queue (Pulumi runs
 * many operations at once in one process), then the provider's lock, retried while another
 * holder has it, until `timeoutMs` has passed in all.
 */
export async function withApplyLock<T>(provider: Provider, options: LockOptions, task: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  const turn = await waitForTurn(provider, deadline, options);
  try {
    const lock = await acquireProviderLock(provider, deadline, options);
    const keeper = lock ? keepLease(lock, leaseLengthMs()) : undefined;
    try {
      return await task();
    } finally {
      await keeper?.stop();
      await lock?.release();
    }
  } finally {
    turn.release();
  }
}

export function resolveSecretsFrom(specDirectory: string): SecretResolver {
  return createSecretResolver(specDirectory);
}

/** The file of the audit log `rdsctl apply` writes for this spec (`policy.auditLog`). */
export function auditLogFile(loaded: LoadedSpec): string {
  return resolveAuditLogPath(loaded.directory, loaded.spec.policy?.auditLog);
}

/** The audit log `rdsctl apply` writes for this spec, for this plan. */
export function openAuditLog(loaded: LoadedSpec, plan: Plan): AuditLog {
  return openCliAuditLog({
    file: auditLogFile(loaded),
    deployment: plan.deployment,
    planDigest: digestBytes(canonicalJson(plan)),
    owner: currentLockOwner(),
  });
}

interface Turn {
  release(): void;
}

const queues = new WeakMap<Provider, Promise<void>>();

async function waitForTurn(provider: Provider, deadline: number, options: LockOptions): Promise<Turn> {
  const previous = queues.get(provider) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  queues.set(provider, previous.then(() => mine));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
  });
  const outcome = await Promise.race([previous.then(() => 'turn' as const), timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    // Keep the queue intact: our slot passes straight on once the one before us ends.
    void previous.then(release);
    throw lockTimeout(options, 'another change of this Pulumi operation still holds it');
  }
  return { release };
}

async function acquireProviderLock(provider: Provider, deadline: number, options: LockOptions): Promise<ProviderLock | undefined> {
  return acquireLock({
    provider,
    request: { owner: currentLockOwner(), operation: 'pulumi', leaseMs: leaseLengthMs() },
    timeoutMs: Math.max(1, deadline - Date.now()),
    retryMs: RETRY_MS,
    deployment: options.deployment,
    forceUnlockCommand: (id) => `rdsctl force-unlock ${id} -f ${options.specFile ?? 'rds.yaml'}`,
  });
}

function lockTimeout(options: LockOptions, holder: string): RdsctlError {
  return new RdsctlError({
    code: 'LOCK_TIMEOUT',
    kind: 'user',
    message: `could not take the apply lock of deployment ${options.deployment} within ${options.timeoutMs / 1000} s: ${holder}`,
    hint: 'wait for the other apply to finish, or raise lockTimeoutSeconds on the Estate',
  });
}

/** Every secret the plan's runnable changes need, resolved before any change starts (shared with `rdsctl apply`). */
export { preflightSecrets } from '../secrets/preflight-secrets.js';
