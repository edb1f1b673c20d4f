/**
 * The CAL coverage problems (find-cal-coverage-problems) as validation errors, each at its line
 * in the spec: `plan` and `apply` refuse a spec whose CALs cannot serve what it asks for.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { findCalCoverageProblems } from './find-cal-coverage-problems.js';
import { makeReferenceError, type ReferenceContext } from './reference-diagnostic.js';

export function checkCalCoverage(context: ReferenceContext): Diagnostic[] {
  return findCalCoverageProblems(context.spec).map(({ path, summary, hint }) => makeReferenceError({ at: context.locate(path), summary, hint }));
}
