import type { Diagnostic } from '../model/diagnostic.js';
import { RdsctlError } from '../model/rdsctl-error.js';

/** The error for a spec with problems: every diagnostic, in file order. */
export function createSpecInvalidError(file: string, diagnostics: readonly Diagnostic[]): RdsctlError {
  const sorted = [...diagnostics].sort(compareBySource);
  const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
  return new RdsctlError({ code: 'SPEC_INVALID', kind: 'user', message: `${file}: ${count} found`, diagnostics: sorted });
}

function compareBySource(a: Diagnostic, b: Diagnostic): number {
  return (a.source?.line ?? 0) - (b.source?.line ?? 0) || (a.source?.column ?? 0) - (b.source?.column ?? 0);
}
