/**
 * The lab's intent ledger, `<spec dir>/.rdsctl/lab/<deployment>.ledger.jsonl`, beside the live
 * estate: the lab's counterpart of the install ledger a Windows licence server keeps. Changes
 * that add up (licence installs, revocations) are recorded in the estate itself, so a run
 * killed in flight leaves a record every later runner sees, whatever its audit log:
 *
 * - `intent`: appended and flushed to disk (fsync) before the change's first operation, with the
 *   audit log's id for the change, who started it and what it was to do;
 * - `outcome`: after the estate was written (or the change failed), with what was done;
 * - `observed`: a later run found the intent without outcome and recorded what it saw instead.
 *
 * One JSON object a line, append-only, no secrets (key-pack secrets are references and are left
 * out). Appends refuse a symbolic link in the ledger's place.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, constants, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { readUnsettledIntentsFrom } from '../../ledger/read-intent-log.js';
import { currentLockOwner } from '../../lock/lock-owner.js';
import type { ChangeIntent, SettledIntent } from '../../model/change-intent.js';
import type { Operation } from '../../model/operation.js';
import type { ApplyRequest, OperationResult } from '../provider.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { displayPath } from '../../io/display-path.js';

export interface LedgerPaths {
  ledger: string;
  deployment: string;
}

/** Operations whose effect adds up: repeating one after a lost outcome would do it twice. */
const ADDS_UP: ReadonlySet<Operation['kind']> = new Set(['installLicenses', 'revokeLicense']);

const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

export function needsLedger(operations: readonly Operation[]): boolean {
  return operations.some((operation) => ADDS_UP.has(operation.kind));
}

/** Appends the change's intent (flushed before it returns); throws when the ledger cannot be written. */
export function recordIntent(paths: LedgerPaths, request: ApplyRequest): ChangeIntent {
  const intent = request.intent ?? ownIntent(request);
  append(paths, {
    time: intent.time,
    event: 'intent',
    id: intent.id,
    deployment: paths.deployment,
    user: intent.user,
    machine: intent.machine,
    ...(intent.ciRunId === undefined ? {} : { ciRunId: intent.ciRunId }),
    planDigest: intent.planDigest,
    address: intent.address,
    target: request.target.kind === 'host' ? request.target.host : request.target.gpo,
    operations: request.operations.map(describeOperation),
  });
  return intent;
}

export function recordOutcome(paths: LedgerPaths, intent: ChangeIntent, results: readonly OperationResult[], error?: { code: string; message: string }): void {
  append(paths, {
    time: new Date().toISOString(),
    event: 'outcome',
    id: intent.id,
    deployment: paths.deployment,
    address: intent.address,
    results: results.map((result) => ({ kind: result.kind, status: result.status, ...(result.detail ? { detail: result.detail } : {}) })),
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
  });
}

/** Throws `LEDGER_UNWRITABLE` when the ledger cannot be written (apply then changes nothing). */
export function recordObservations(paths: LedgerPaths, settled: readonly SettledIntent[]): void {
  const owner = currentLockOwner();
  try {
    for (const { intent, observation } of settled) {
      append(paths, { time: new Date().toISOString(), event: 'observed', id: intent.id, deployment: paths.deployment, address: intent.address, ...owner, observation });
    }
  } catch (error) {
    throw new RdsctlError({
      code: 'LEDGER_UNWRITABLE',
      kind: 'environment',
      message: `the intent ledger ${displayPath(paths.ledger)} cannot be written (${describeWriteError(error)}); nothing was changed`,
      hint: 'the ledger lives beside the live estate: make .rdsctl/lab writable, then apply again',
    });
  }
}

export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ELOOP' ? 'it is a symbolic link' : (code ?? (error as Error).message);
}

export function readLedgerIntents(paths: LedgerPaths): Promise<ChangeIntent[]> {
  return readUnsettledIntentsFrom(paths.ledger, 'ledger', paths.deployment, displayPath(paths.ledger));
}

function append(paths: LedgerPaths, entry: object): void {
  mkdirSync(path.dirname(paths.ledger), { recursive: true });
  const descriptor = openSync(paths.ledger, APPEND_FLAGS, 0o644);
  try {
    writeSync(descriptor, `${JSON.stringify(entry)}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** A direct provider call (no engine, no audit log) still leaves a record. */
function ownIntent(request: ApplyRequest): ChangeIntent {
  const target = request.target.kind === 'host' ? request.target.host : request.target.gpo;
  return { id: randomUUID(), time: new Date().toISOString(), address: target, ...currentLockOwner(), planDigest: 'none' };
}

/** What the change was to do, in the ledger's words: never the secrets of a key pack. */
function describeOperation(operation: Operation): Record<string, unknown> {
  switch (operation.kind) {
    case 'installLicenses':
      return { kind: operation.kind, group: operation.group, program: operation.program, targetTotal: operation.targetTotal };
    case 'revokeLicense':
      return { kind: operation.kind, keyPackId: operation.keyPackId, licenseId: operation.licenseId, issuedToComputer: operation.issuedToComputer };
    default:
      return { kind: operation.kind };
  }
}
