/**
 * Loads `rds.yaml`: bytes → UTF-8 text → YAML document → JSON Schema → cross-references.
 * Every problem is reported at once as one `SPEC_INVALID` error: schema and cross-reference
 * problems together, cross-references limited to the parts whose shape the schema accepted.
 * Doctor may leave out the checks that describe the estate's licensing (validate-references).
 */
import { dirname, resolve } from 'node:path';
import { readRegularFile, readRegularFileSync } from '../io/read-regular-file.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import type { Spec } from '../model/spec.js';
import { decodeSpecBytes } from './decode-spec-bytes.js';
import type { LoadedSpec } from './loaded-spec.js';
import { parseYamlDocument } from './parse-yaml-document.js';
import { resolveSpecFile } from './resolve-spec-file.js';
import { validateReferencesAlongsideSchema } from './validate-references-alongside-schema.js';
import { createSourceLocator } from './source-locator.js';
import { createSpecInvalidError } from './spec-invalid-error.js';
import { validateReferences, type ReferenceOptions } from './validate-references.js';
import { validateSpecSchema } from './validate-spec-schema.js';

const NOT_FOUND_HINT = 'rdsctl looks for ./rds.yaml; pass -f PATH';

/** Reads and validates the spec at `file` (as the user wrote it; used in messages), or at `file/rds.yaml` for a directory. */
export async function loadSpec(given: string, options: ReferenceOptions = {}): Promise<LoadedSpec> {
  const file = resolveSpecFile(given);
  const absolute = resolve(file);
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile({ file: absolute, kind: 'spec', shownAs: file });
  } catch (error) {
    throw describeReadError(error, file);
  }
  return parseSpecBytes(bytes, file, absolute, options);
}

/** `loadSpec` for callers that cannot wait, such as a Pulumi component's constructor. */
export function loadSpecSync(file: string): LoadedSpec {
  const absolute = resolve(file);
  let bytes: Uint8Array;
  try {
    bytes = readRegularFileSync({ file: absolute, kind: 'spec', shownAs: file });
  } catch (error) {
    throw describeReadError(error, file);
  }
  return parseSpecBytes(bytes, file, absolute);
}

function parseSpecBytes(bytes: Uint8Array, file: string, absolute: string, options: ReferenceOptions = {}): LoadedSpec {
  const decoded = decodeSpecBytes(bytes, file);
  if (!decoded.ok) throw createSpecInvalidError(file, [decoded.diagnostic]);
  return parseSpecText(decoded.text, file, dirname(absolute), options);
}

/**
 * Validates spec text; `file` names it in messages and `directory` anchors its relative paths.
 * `withoutEstateChecks` accepts a spec that honestly describes a broken estate (CALs that cannot
 * serve its hosts), for doctor to diagnose; plan and apply keep refusing it.
 */
export function parseSpecText(text: string, file: string, directory: string, options: ReferenceOptions = {}): LoadedSpec {
  const source = text.startsWith('\ufeff') ? text.slice(1) : text;
  const parsed = parseYamlDocument(source, file);
  if (!parsed.ok) throw createSpecInvalidError(file, parsed.diagnostics);

  const locator = createSourceLocator({ document: parsed.document, lineCounter: parsed.lineCounter, file });
  const schemaDiagnostics = validateSpecSchema(parsed.value, locator);
  if (schemaDiagnostics.length > 0) {
    const referenceDiagnostics = validateReferencesAlongsideSchema(parsed.value, schemaDiagnostics, locator.locate);
    throw createSpecInvalidError(file, [...schemaDiagnostics, ...referenceDiagnostics]);
  }

  const spec = parsed.value as unknown as Spec;
  const referenceDiagnostics = validateReferences({ spec, locate: locator.locate }, options);
  if (referenceDiagnostics.length > 0) throw createSpecInvalidError(file, referenceDiagnostics);

  return { file, directory, spec, locate: locator.locate };
}

function describeReadError(error: unknown, file: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new RdsctlError({ code: 'SPEC_NOT_FOUND', kind: 'user', message: `${file}: no such file`, hint: NOT_FOUND_HINT, cause: error });
  }
  if (code === 'EISDIR') {
    return new RdsctlError({ code: 'SPEC_NOT_FOUND', kind: 'user', message: `${file} is a directory, not a spec file`, hint: NOT_FOUND_HINT, cause: error });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new RdsctlError({ code: 'SPEC_NOT_FOUND', kind: 'environment', message: `${file}: permission denied`, hint: 'check the file\'s permissions', cause: error });
  }
  return error;
}
