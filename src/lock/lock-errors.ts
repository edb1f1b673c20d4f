/** The errors a held lock produces, naming who holds it, since when, and how to release it. */
import { RdsctlError } from '../model/rdsctl-error.js';
import { describeDuration } from './parse-duration.js';
import { describeLockOwner, type LockRecord } from './lock-record.js';

export interface HeldLock {
  /** The record of whoever holds it; undefined when the lock file cannot be read as one. */
  holder?: LockRecord;
  /** Where the lock lives, e.g. a file path or `lic01…: C:\ProgramData\rdsctl\locks\contoso.lock`. */
  where: string;
}

export interface LockContext {
  deployment: string;
  /** The exact command that releases lock `id`, e.g. `rdsctl force-unlock ID -f site/rds.yaml`. */
  forceUnlockCommand(id: string): string;
}

export function describeHolder(held: HeldLock): string {
  const { holder } = held;
  if (!holder) return `an unreadable lock at ${held.where}`;
  return `${describeLockOwner(holder.owner)} (${holder.operation}) since ${holder.acquiredAt}`;
}

/** `timeoutMs`: how long the caller waited (`--lock-timeout`); without it, the lock was tried once. */
export function lockHeldError(held: HeldLock, context: LockContext, timeoutMs?: number): RdsctlError {
  const { holder } = held;
  const waited = timeoutMs === undefined ? '' : ` after waiting ${describeDuration(timeoutMs)}`;
  const message = `the apply lock of deployment ${context.deployment} is held by ${describeHolder(held)}${waited}`;
  const detail = holder
    ? [`lock ID: ${holder.id}`, `lease expires at ${holder.expiresAt} unless its holder renews it`, ...(holder.planDigest ? [`plan: ${holder.planDigest}`] : []), `lock: ${held.where}`].join('\n')
    : `lock: ${held.where}`;
  const hint = holder
    ? `wait for it with --lock-timeout DURATION; if that run is gone, its lease expires by itself, or release it now with: ${context.forceUnlockCommand(holder.id)}`
    : `if no rdsctl apply is running, delete ${held.where}`;
  return new RdsctlError({ code: timeoutMs === undefined ? 'LOCKED' : 'LOCK_TIMEOUT', kind: 'user', message, detail, hint });
}

/** The lock context of a spec as the user gave it with `-f` (`rds.yaml` is the default and left out). */
export function lockContext(deployment: string, specFile: string): LockContext {
  const spec = specFile === 'rds.yaml' ? '' : ` -f ${quoteForShell(specFile)}`;
  return { deployment, forceUnlockCommand: (id) => `rdsctl force-unlock ${id}${spec}` };
}

function quoteForShell(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
