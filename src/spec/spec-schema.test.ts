/**
 * Keeps `schemas/rdsctl.schema.json` and the `Spec` type in `model/spec.ts` in agreement: the
 * same keys, the same optionality and the same enums, read from the TypeScript compiler.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareTypeWithSchema, type SchemaNode } from '../../test/support/compare-type-with-schema.js';
import { readSpecSchema } from './spec-schema.js';

const SPEC_TS = fileURLToPath(new URL('../model/spec.ts', import.meta.url));

/** Every schema object under `node`, with the path that reaches it. */
function* walkSchema(node: unknown, path: string): Generator<[string, SchemaNode]> {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* walkSchema(item, `${path}/${i}`);
    return;
  }
  yield [path, node as SchemaNode];
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'enum' && key !== 'required') yield* walkSchema(value, `${path}/${key}`);
  }
}

describe('schemas/rdsctl.schema.json', () => {
  const schema = readSpecSchema() as SchemaNode;

  it('agrees with the Spec type: same keys, optionality and enums', () => {
    expect(compareTypeWithSchema({ file: SPEC_TS, typeName: 'Spec', schema })).toEqual([]);
  });

  it('is JSON Schema draft-07', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('gives every property a title and a description, for editors', () => {
    const missing: string[] = [];
    for (const [path, node] of walkSchema(schema, '#')) {
      for (const [name, property] of Object.entries((node.properties as Record<string, SchemaNode> | undefined) ?? {})) {
        if (path.endsWith('/if')) continue;
        if (typeof property.title !== 'string' || typeof property.description !== 'string') missing.push(`${path}/properties/${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('refuses unknown keys in every mapping with declared keys', () => {
    const open = [...walkSchema(schema, '#')]
      .filter(([path, node]) => node.properties !== undefined && !path.endsWith('/if') && node.additionalProperties !== false)
      .map(([path]) => path);
    expect(open).toEqual([]);
  });
});
