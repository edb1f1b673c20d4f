import type { Diagnostic, SourceLocation } from '../model/diagnostic.js';
import type { Spec } from '../model/spec.js';
import type { SpecPath } from './loaded-spec.js';

/** What every cross-reference check reads: the schema-valid spec and a way to point into its file. */
export interface ReferenceContext {
  readonly spec: Spec;
  locate(path: SpecPath): SourceLocation;
}

export function makeReferenceError(options: { at: SourceLocation; summary: string; hint?: string }): Diagnostic {
  const { at, summary, hint } = options;
  const diagnostic: Diagnostic = { severity: 'error', code: 'SPEC_REFERENCE', summary, source: at };
  return hint === undefined ? diagnostic : { ...diagnostic, hint };
}
