/**
 * A user error as machines read it: with `--json` or `--format sarif`, the one JSON document a
 * failed command writes on stdout (`schemas/error.schema.json`). Human text still goes to stderr.
 */
import type { Diagnostic } from './diagnostic.js';

export const ERROR_FORMAT_VERSION = 1;

export interface ErrorDocument {
  formatVersion: typeof ERROR_FORMAT_VERSION;
  error: ErrorDescription;
}

export interface ErrorDescription {
  /** Stable code, e.g. `SPEC_INVALID`, `USAGE`, `LOCKED`. */
  code: string;
  /** One line saying what went wrong. */
  message: string;
  /** More context, when there is any. */
  detail?: string;
  /** What to do about it. */
  hint?: string;
  /** The process's exit code (the exit-code table in `schemas/exit-codes.json`). */
  exitCode: number;
  /** Every problem found, each located where it can be (spec validation lists all of them). */
  diagnostics: Diagnostic[];
}
