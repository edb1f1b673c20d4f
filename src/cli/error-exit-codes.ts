/**
 * The exit code of every error code: the second half of the exit-code contract
 * (`schemas/exit-codes.json` lists the same pairs). A new error code does not compile until it
 * has an exit code here.
 */
import type { ErrorCode } from '../model/rdsctl-error.js';
import { EXIT, type ExitCode } from './exit-codes.js';

export const ERROR_EXIT_CODES: Readonly<Record<ErrorCode, ExitCode>> = {
  SPEC_INVALID: EXIT.invalid,
  SPEC_NOT_FOUND: EXIT.invalid,
  USAGE: EXIT.invalid,
  TARGET_NOT_FOUND: EXIT.invalid,
  ESTATE_INVALID: EXIT.invalid,
  ESTATE_NOT_FOUND: EXIT.invalid,
  LOCKED: EXIT.failed,
  SECRET_UNAVAILABLE: EXIT.failed,
  PROVIDER_UNAVAILABLE: EXIT.failed,
  HOST_UNREACHABLE: EXIT.failed,
  APPLY_FAILED: EXIT.failed,
  APPLY_CANCELLED: EXIT.failed,
  INTERNAL: EXIT.failed,
  FILE_REFUSED: EXIT.invalid,
  PLAN_INVALID: EXIT.invalid,
  STALE_PLAN: EXIT.failed,
  LOCK_TIMEOUT: EXIT.failed,
  LOCK_LOST: EXIT.failed,
  LOCK_NOT_HELD: EXIT.failed,
  SECRETS_MISSING: EXIT.invalid,
  AUDIT_LOG_UNWRITABLE: EXIT.failed,
  LEDGER_UNWRITABLE: EXIT.failed,
};
