/**
 * The audit log: one JSON line per event of every change apply makes, append-only, at
 * `policy.auditLog` or `--audit-log` (default `.rdsctl/audit.jsonl` beside the spec). Write
 * ahead: a change's `intent` line is flushed to disk (fsync) before the change starts, its
 * `outcome` line after it ends, so a run killed mid-change always leaves its intent behind.
 * Lines carry addresses, values and outcomes, never secrets (changes hold references only).
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { LockOwner } from '../lock/lock-record.js';
import type { ActionResult } from '../model/action-result.js';
import type { Change } from '../model/change.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import type { ChangeIntent } from '../model/change-intent.js';

export const DEFAULT_AUDIT_LOG = path.join('.rdsctl', 'audit.jsonl');

export interface AuditLogOptions {
  file: string;
  deployment: string;
  planDigest: string;
  owner: LockOwner;
}

export interface AuditLog {
  readonly file: string;
  /** Flushed before it returns: call it just before the change starts. Returns the record written. */
  intent(change: Change): ChangeIntent;
  outcome(change: Change, result: ActionResult): void;
  /** Settles an intent an earlier run left without outcome, with what this run observed. */
  observed(intent: ChangeIntent, observation: string): void;
  close(): Promise<void>;
}

/** `--audit-log` wins over `policy.auditLog`; both are relative to where they were given (cwd, spec). */
export function resolveAuditLogPath(specDirectory: string, fromPolicy?: string, fromFlag?: string): string {
  if (fromFlag !== undefined) return path.resolve(fromFlag);
  return path.resolve(specDirectory, fromPolicy ?? DEFAULT_AUDIT_LOG);
}

/** Opens the log for appending (the preflight check that it is writable); throws `AUDIT_LOG_UNWRITABLE`. */
export function openAuditLog(options: AuditLogOptions): AuditLog {
  let descriptor: number;
  try {
    mkdirSync(path.dirname(options.file), { recursive: true });
    descriptor = openSync(options.file, 'a');
  } catch (error) {
    throw new RdsctlError({
      code: 'AUDIT_LOG_UNWRITABLE',
      kind: 'environment',
      message: `the audit log ${options.file} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}); nothing was changed`,
      hint: 'make it writable, or choose another file with policy.auditLog or --audit-log',
    });
  }
  const intents = new Map<string, string>();
  const common = { deployment: options.deployment, ...options.owner, planDigest: options.planDigest };
  const append = (entry: object, durable: boolean, time = new Date().toISOString()): void => {
    writeSync(descriptor, `${JSON.stringify({ time, ...entry })}\n`);
    if (durable) fsyncSync(descriptor);
  };
  return {
    file: options.file,
    intent(change) {
      const id = randomUUID();
      const time = new Date().toISOString();
      intents.set(change.address, id);
      append({ event: 'intent', id, ...common, ...describeChange(change) }, true, time);
      return { id, time, address: change.address, ...options.owner, planDigest: options.planDigest };
    },
    outcome(change, result) {
      const id = intents.get(change.address) ?? randomUUID();
      append(
        {
          event: 'outcome',
          id,
          ...common,
          ...describeChange(change),
          outcome: result.outcome,
          performed: result.performed,
          errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary),
        },
        true,
      );
    },
    observed(intent, observation) {
      append({ event: 'observed', id: intent.id, ...common, address: intent.address, observation }, true);
    },
    close: async () => closeSync(descriptor),
  };
}

function describeChange(change: Change): { address: string; action: Change['action']; before: Record<string, unknown>; after: Record<string, unknown> } {
  return {
    address: change.address,
    action: change.action,
    before: Object.fromEntries(change.attributes.map((attribute) => [attribute.name, attribute.before])),
    after: Object.fromEntries(change.attributes.map((attribute) => [attribute.name, attribute.after])),
  };
}
