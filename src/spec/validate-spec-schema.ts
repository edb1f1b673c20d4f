/**
 * Checks a parsed spec against the JSON Schema and turns every violation into a located
 * diagnostic, all at once. Errors that only restate another one are dropped.
 */
import type { ErrorObject } from 'ajv';
import type { Diagnostic, SourceLocation } from '../model/diagnostic.js';
import { describeSchemaError, type SchemaErrorWords } from './describe-schema-error.js';
import type { SpecPath } from './loaded-spec.js';
import type { SourceLocator } from './source-locator.js';
import { checkSpecSchema } from './spec-schema.js';

interface Problem {
  readonly path: SpecPath;
  readonly words: SchemaErrorWords;
}

export function validateSpecSchema(value: unknown, locator: SourceLocator): Diagnostic[] {
  const problems: Problem[] = [];
  for (const error of selectErrors(checkSpecSchema(value))) {
    const words = describeSchemaError(error);
    if (words) problems.push({ path: toSpecPath(error.instancePath, value), words });
  }
  return dropRestatedMissingKeys(problems).map(({ path, words }) => {
    const source = words.unknownKey === undefined ? locator.locate(path) : locateUnknownKey(locator, path, words);
    const diagnostic: Diagnostic = { severity: 'error', code: 'SPEC_SCHEMA', summary: words.summary, source };
    return words.hint === undefined ? diagnostic : { ...diagnostic, hint: words.hint };
  });
}

function locateUnknownKey(locator: SourceLocator, path: SpecPath, words: SchemaErrorWords): SourceLocation {
  const source = locator.locateKey(path, words.unknownKey ?? '');
  if (!words.isKeySecret) return source;
  const { path: parentPath } = locator.locate(path);
  const { path: _hidden, ...rest } = source;
  return parentPath === undefined ? rest : { ...rest, path: parentPath };
}

/**
 * A value of the wrong type explains every other complaint about it (the branches of a
 * union each report their own type error), so only its first type error is kept. A wrong
 * apiVersion means the rest of the file follows other rules: report that alone.
 */
function selectErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const apiVersion = errors.find((error) => error.instancePath === '/apiVersion');
  if (apiVersion) return [apiVersion];
  const typed = new Map<string, ErrorObject>();
  for (const error of errors) {
    if (error.keyword === 'type' && !typed.has(error.instancePath)) typed.set(error.instancePath, error);
  }
  return errors.filter((error) => {
    const typeError = typed.get(error.instancePath);
    return typeError === undefined || typeError === error;
  });
}

/** `quantiy` reported as unknown with "did you mean quantity" already says quantity is missing. */
function dropRestatedMissingKeys(problems: readonly Problem[]): Problem[] {
  const suggested = new Set(
    problems.filter((p) => p.words.suggestion !== undefined).map((p) => `${JSON.stringify(p.path)}|${p.words.suggestion}`),
  );
  return problems.filter((problem) => {
    const missing = problem.words.missingKey;
    return missing === undefined || !suggested.has(`${JSON.stringify(problem.path)}|${missing}`);
  });
}

/** `/licenseServers/0/keyPacks/1` → `['licenseServers', 0, 'keyPacks', 1]`, numbering only list indexes. */
function toSpecPath(pointer: string, root: unknown): SpecPath {
  const path: (string | number)[] = [];
  let current: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(current) ? Number(segment) : segment;
    path.push(key);
    current = current !== null && typeof current === 'object' ? (current as Record<string | number, unknown>)[key] : undefined;
  }
  return path;
}
