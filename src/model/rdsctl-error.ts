/**
 * The one error type rdsctl throws on purpose. Its `kind` decides how the CLI reports it:
 * user and environment errors print summary, detail and hint without a stack; internal
 * errors are bugs and print a stack with `--debug`.
 */
import type { Diagnostic } from './diagnostic.js';

export type ErrorKind = 'user' | 'environment' | 'internal';

export type ErrorCode =
  | 'SPEC_INVALID'
  | 'SPEC_NOT_FOUND'
  | 'USAGE'
  /** A `--target` that selects nothing in the spec. */
  | 'TARGET_NOT_FOUND'
  | 'ESTATE_INVALID'
  | 'ESTATE_NOT_FOUND'
  | 'LOCKED'
  | 'SECRET_UNAVAILABLE'
  | 'PROVIDER_UNAVAILABLE'
  | 'HOST_UNREACHABLE'
  | 'APPLY_FAILED'
  /** The person at the apply prompt did not answer `yes`. */
  | 'APPLY_CANCELLED'
  | 'INTERNAL'
  /** A file that is not a regular file (FIFO, device, directory, socket) or is over its size cap. */
  | 'FILE_REFUSED'
  /** A saved plan that is not intact: not JSON, another format, or a checksum mismatch. */
  | 'PLAN_INVALID'
  /** A saved plan whose live values moved since it was made. */
  | 'STALE_PLAN'
  /** The apply lock was still held when `--lock-timeout` ran out. */
  | 'LOCK_TIMEOUT'
  /** The lease of a held lock ran out or was forced open while apply ran. */
  | 'LOCK_LOST'
  /** `force-unlock ID` named a lock that is not the one held. */
  | 'LOCK_NOT_HELD'
  /** Apply preflight: secrets the plan's changes need are not available. */
  | 'SECRETS_MISSING'
  /** Apply preflight: the audit log cannot be written. */
  | 'AUDIT_LOG_UNWRITABLE'
  /** Apply preflight: the estate's intent ledger cannot record what this run observed. */
  | 'LEDGER_UNWRITABLE';

export class RdsctlError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly hint?: string;
  readonly detail?: string;
  /** Every problem found, for errors that collect several (spec validation). */
  readonly diagnostics: readonly Diagnostic[];

  constructor(options: {
    code: ErrorCode;
    kind: ErrorKind;
    message: string;
    hint?: string;
    detail?: string;
    diagnostics?: readonly Diagnostic[];
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = 'RdsctlError';
    this.code = options.code;
    this.kind = options.kind;
    this.hint = options.hint;
    this.detail = options.detail;
    this.diagnostics = options.diagnostics ?? [];
  }
}

export function isRdsctlError(value: unknown): value is RdsctlError {
  return value instanceof RdsctlError;
}
