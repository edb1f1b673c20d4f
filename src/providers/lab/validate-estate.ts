/**
 * JSON Schema validation of live state and lab estates against `schemas/live-state.schema.json`.
 * Validators are compiled once per process. The fast validator stops at the first error; only
 * a document that fails is validated again to collect every problem.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { packageFile } from '../../package-files.js';
import { loadValidators } from '../../validators/load-validators.js';

/** Where the schema lives, both from `src/providers/lab/` and from `dist/providers/lab/`. */
export const LIVE_STATE_SCHEMA_PATH = packageFile('schemas/live-state.schema.json');

export interface EstateProblem {
  /** Path in the document, e.g. `hosts[3].sessionHost.graceDaysLeft`. */
  path: string;
  /** The same location as a list of keys and indexes (for source positions). */
  segments: (string | number)[];
  message: string;
}

function estateValidator(recipe: 'estateFast' | 'estateThorough'): ValidateFunction {
  const { estate } = loadValidators(recipe);
  if (estate === undefined) throw new Error('no estate validator');
  return estate;
}

/** Every problem that keeps `document` from being a valid lab estate; empty when it is one. */
export function validateEstate(document: unknown): EstateProblem[] {
  if (estateValidator('estateFast')(document)) return [];
  const thoroughValidator = estateValidator('estateThorough');
  thoroughValidator(document);
  const problems = (thoroughValidator.errors ?? []).map(describeError);
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describeError(error: ErrorObject): EstateProblem {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    segments.push(extra);
    message = 'is not a known key';
  } else if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    segments.push(missing);
    message = 'is required';
  } else if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    message = `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  return { path: formatPath(segments), segments, message };
}

export function formatPath(segments: readonly (string | number)[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path === '' ? '(document)' : path;
}
