/**
 * Reports an error and returns its exit code. People get summary, every diagnostic and a hint
 * on stderr, never a stack (unless --debug); in machine mode (`--json`, `--format sarif`) the
 * error document goes to stdout as well.
 */
import { formatDiagnosticLine } from '../spec/format-diagnostic.js';
import type { ErrorDocument } from '../model/error-document.js';
import { createErrorDocument, renderErrorDocument } from './error-document.js';
import type { Output } from './output.js';

export interface ReportErrorOptions {
  debug: boolean;
  /** Write the error document on stdout too. */
  machine: boolean;
}

export function reportError(error: unknown, output: Output, options: ReportErrorOptions): number {
  const document = createErrorDocument(error);
  output.stderr(formatErrorText(document, options.debug && error instanceof Error ? error.stack : undefined));
  if (options.machine) output.stdout(renderErrorDocument(document));
  return document.error.exitCode;
}

function formatErrorText({ error }: ErrorDocument, stack: string | undefined): string {
  const lines = [`Error: ${error.message}`];
  for (const diagnostic of error.diagnostics) {
    lines.push(`  ${formatDiagnosticLine(diagnostic)}`);
    if (diagnostic.hint) lines.push(`      hint: ${diagnostic.hint}`);
  }
  if (error.detail) lines.push(...error.detail.split('\n').map((line) => `  ${line}`));
  if (error.code === 'INTERNAL') lines.push(stack ?? `Hint: ${error.hint}`);
  else {
    if (error.hint) lines.push(`Hint: ${error.hint}`);
    if (stack) lines.push(stack);
  }
  return `${lines.join('\n')}\n`;
}
