/**
 * The spec's JSON Schema (`schemas/rdsctl.schema.json`, the file editors use) and its
 * validator, precompiled at build time (src/validators).
 */
import { readFileSync } from 'node:fs';
import type { AnySchemaObject, ErrorObject } from 'ajv';
import { packageFile } from '../package-files.js';
import { loadValidators } from '../validators/load-validators.js';

export const SPEC_SCHEMA_PATH = packageFile('schemas/rdsctl.schema.json');

let schema: AnySchemaObject | undefined;

/** The parsed schema document. */
export function readSpecSchema(): AnySchemaObject {
  schema ??= JSON.parse(readFileSync(SPEC_SCHEMA_PATH, 'utf8')) as AnySchemaObject;
  return schema;
}

/** Every schema violation in `value` (empty when valid); `verbose` errors carry their schema and data. */
export function checkSpecSchema(value: unknown): readonly ErrorObject[] {
  const { spec: validate } = loadValidators('spec');
  if (validate === undefined) throw new Error('no spec validator');
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
