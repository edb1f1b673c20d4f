/**
 * Turns an error into a message and an exit code. User and environment errors print summary,
 * every diagnostic, and a hint — never a stack. Anything else is a bug: one line, and the
 * stack only with --debug.
 */
import { formatDiagnosticLine } from '../spec/format-diagnostic.js';
import { isRdsctlError } from '../model/rdsctl-error.js';
import { EXIT } from './exit-codes.js';
import type { Output } from './output.js';

const INVALID_CODES = new Set(['SPEC_INVALID', 'SPEC_NOT_FOUND', 'USAGE', 'ESTATE_INVALID', 'ESTATE_NOT_FOUND']);

export function reportError(error: unknown, output: Output, debug: boolean): number {
  if (isRdsctlError(error) && error.kind !== 'internal') {
    const lines = [`Error: ${error.message}`];
    for (const diagnostic of error.diagnostics) {
      lines.push(`  ${formatDiagnosticLine(diagnostic)}`);
      if (diagnostic.hint) lines.push(`      hint: ${diagnostic.hint}`);
    }
    if (error.detail) lines.push(`  ${error.detail}`);
    if (error.hint) lines.push(`Hint: ${error.hint}`);
    if (debug && error.stack) lines.push(error.stack);
    output.stderr(`${lines.join('\n')}\n`);
    return INVALID_CODES.has(error.code) ? EXIT.invalid : EXIT.failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  output.stderr(`Error: unexpected failure: ${message}\n`);
  output.stderr(debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'Hint: run again with --debug for details, and report it if it persists.\n');
  return EXIT.failed;
}
