/**
 * The spec's JSON Schema (`schemas/rdsctl.schema.json`, the file editors use) compiled once.
 */
import { readFileSync } from 'node:fs';
import { packageFile } from '../package-files.js';
import { Ajv, type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';

export const SPEC_SCHEMA_PATH = packageFile('schemas/rdsctl.schema.json');

let compiled: { schema: AnySchemaObject; validate: ValidateFunction } | undefined;

/** The parsed schema document. */
export function readSpecSchema(): AnySchemaObject {
  return compileSpecSchema().schema;
}

/** Every schema violation in `value` (empty when valid); `verbose` errors carry their schema and data. */
export function checkSpecSchema(value: unknown): readonly ErrorObject[] {
  const { validate } = compileSpecSchema();
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

function compileSpecSchema(): { schema: AnySchemaObject; validate: ValidateFunction } {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(SPEC_SCHEMA_PATH, 'utf8')) as AnySchemaObject;
    // strictRequired is off because if/then branches name keys declared by their parent.
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true });
    compiled = { schema, validate: ajv.compile(schema) };
  }
  return compiled;
}
