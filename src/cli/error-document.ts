/**
 * Turns any error into the error document and exit code of the CLI contract. Only rdsctl's own
 * user and environment errors keep their code and words; anything else is `INTERNAL`.
 */
import { ERROR_FORMAT_VERSION, type ErrorDocument } from '../model/error-document.js';
import { isRdsctlError } from '../model/rdsctl-error.js';
import { ERROR_EXIT_CODES } from './error-exit-codes.js';
import { EXIT } from './exit-codes.js';

export function createErrorDocument(error: unknown): ErrorDocument {
  if (isRdsctlError(error) && error.kind !== 'internal') {
    return {
      formatVersion: ERROR_FORMAT_VERSION,
      error: {
        code: error.code,
        message: error.message,
        ...(error.detail === undefined ? {} : { detail: error.detail }),
        ...(error.hint === undefined ? {} : { hint: error.hint }),
        exitCode: ERROR_EXIT_CODES[error.code],
        diagnostics: [...error.diagnostics],
      },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    formatVersion: ERROR_FORMAT_VERSION,
    error: {
      code: 'INTERNAL',
      message: `unexpected failure: ${message}`,
      hint: 'run again with --debug for details, and report it if it persists.',
      exitCode: EXIT.failed,
      diagnostics: [],
    },
  };
}

export function renderErrorDocument(document: ErrorDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
