/**
 * Errors a Pulumi operation shows the user: one message holding what the CLI would print
 * (summary, every diagnostic with its location, hint), never a stack and never a secret.
 */
import type { ActionResult } from '../model/action-result.js';
import type { Refusal } from '../model/change.js';
import { describeAllowance } from '../model/change.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { isRdsctlError, RdsctlError } from '../model/rdsctl-error.js';
import { formatDiagnosticLine } from '../spec/format-diagnostic.js';

/** A plain `Error` with the whole rdsctl message, so Pulumi shows all of it. */
export function toPulumiError(error: unknown, address: string): Error {
  if (!isRdsctlError(error) || error.kind === 'internal') {
    const message = error instanceof Error ? error.message : String(error);
    return new Error(`${address}: unexpected failure: ${message}`);
  }
  const lines = [`${address}: ${error.message}`];
  for (const diagnostic of error.diagnostics) lines.push(`  ${describeDiagnostic(diagnostic)}`);
  if (error.detail) lines.push(`  ${error.detail}`);
  if (error.hint) lines.push(`hint: ${error.hint}`);
  const wrapped = new Error(lines.join('\n'));
  (wrapped as Error & { code?: string }).code = error.code;
  return wrapped;
}

export function describeDiagnostic(diagnostic: Diagnostic): string {
  return `${formatDiagnosticLine(diagnostic)}${diagnostic.hint ? ` (hint: ${diagnostic.hint})` : ''}`;
}

export function refusalError(address: string, refusal: Refusal): RdsctlError {
  return new RdsctlError({
    code: 'APPLY_FAILED',
    kind: 'user',
    message: `refused by guard rail ${refusal.rule}: ${refusal.message}`,
    hint: refusal.policyKey === undefined ? `${describeAllowance(refusal)} (${address})` : `set ${refusal.policyKey}: true in the spec to allow it (${address})`,
  });
}

export function applyFailedError(results: readonly ActionResult[]): RdsctlError {
  return new RdsctlError({
    code: 'APPLY_FAILED',
    kind: 'user',
    message: `the change did not complete: ${results.map((result) => `${result.address} ${result.outcome}`).join(', ')}`,
    diagnostics: results.flatMap((result) => result.diagnostics),
  });
}
