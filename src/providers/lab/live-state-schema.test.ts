/**
 * Keeps `schemas/live-state.schema.json` and the TypeScript types in agreement: the schema
 * describes exactly `LabEstate` (= `LiveState` plus the optional `lab` fields): same keys,
 * same optionality, same enumerations, nothing else allowed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as TypeScript from 'typescript';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ESTATE_FILE } from './fixtures/lab-test-fixture.js';
import { LIVE_STATE_SCHEMA_PATH, validateEstate } from './validate-estate.js';

const ts = createRequire(import.meta.url)('typescript') as typeof TypeScript;

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  definitions?: Record<string, SchemaNode>;
}

const schema = JSON.parse(readFileSync(LIVE_STATE_SCHEMA_PATH, 'utf8')) as SchemaNode;

function resolve(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  const name = node.$ref.replace('#/definitions/', '');
  const target = schema.definitions?.[name];
  if (!target) throw new Error(`unresolved ${node.$ref}`);
  return resolve(target);
}

function schemaTypes(node: SchemaNode): string[] {
  return node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
}

function compareTypeWithSchema(): string[] {
  const file = fileURLToPath(new URL('./lab-estate.ts', import.meta.url));
  const program = ts.createProgram([file], { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const estateSymbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.name === 'LabEstate');
  if (!estateSymbol) throw new Error('LabEstate not found');
  const problems: string[] = [];

  const walk = (type: TypeScript.Type, node: SchemaNode, path: string): void => {
    const resolved = resolve(node);
    const parts = type.isUnion() ? type.types : [type];
    const nullable = parts.some((part) => part.flags & ts.TypeFlags.Null);
    const rest = parts.filter((part) => !(part.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    const allowsNull = schemaTypes(resolved).includes('null') || (resolved.enum?.includes(null) ?? false);
    if (nullable !== allowsNull) problems.push(`${path}: null ${nullable ? 'allowed by the type' : 'not allowed by the type'} but ${allowsNull ? 'allowed' : 'not allowed'} by the schema`);

    if (rest.every((part) => part.flags & ts.TypeFlags.BooleanLiteral)) {
      if (!schemaTypes(resolved).includes('boolean')) problems.push(`${path}: boolean in the type, not in the schema`);
      return;
    }
    if (rest.every((part) => part.isLiteral())) {
      const literals = rest.map((part) => (part as TypeScript.LiteralType).value).sort();
      const allowed = (resolved.enum ?? (resolved.const !== undefined ? [resolved.const] : [])).filter((value) => value !== null).sort();
      if (JSON.stringify(literals) !== JSON.stringify(allowed)) problems.push(`${path}: type allows ${JSON.stringify(literals)}, schema ${JSON.stringify(allowed)}`);
      return;
    }
    if (rest.length !== 1) {
      problems.push(`${path}: union the comparison does not understand`);
      return;
    }
    const only = rest[0] as TypeScript.Type;
    const types = schemaTypes(resolved);
    if (only.flags & ts.TypeFlags.String) {
      if (!types.includes('string')) problems.push(`${path}: string in the type, ${JSON.stringify(types)} in the schema`);
    } else if (only.flags & ts.TypeFlags.Number) {
      if (!types.includes('number') && !types.includes('integer')) problems.push(`${path}: number in the type, ${JSON.stringify(types)} in the schema`);
    } else if (checker.isArrayType(only)) {
      const element = checker.getTypeArguments(only as TypeScript.TypeReference)[0];
      if (!types.includes('array') || !resolved.items || !element) problems.push(`${path}: array in the type, not in the schema`);
      else walk(element, resolved.items, `${path}[]`);
    } else if (checker.getIndexInfoOfType(only, ts.IndexKind.String)) {
      const valueType = checker.getIndexInfoOfType(only, ts.IndexKind.String)?.type;
      const values = resolved.additionalProperties;
      if (typeof values !== 'object' || !valueType) problems.push(`${path}: record in the type, not in the schema`);
      else walk(valueType, values, `${path}{}`);
    } else {
      walkObject(only, resolved, path);
    }
  };

  const walkObject = (type: TypeScript.Type, node: SchemaNode, path: string): void => {
    if (!schemaTypes(node).includes('object') || node.additionalProperties !== false) {
      problems.push(`${path}: must be a closed object in the schema`);
      return;
    }
    const properties = checker.getPropertiesOfType(type);
    const typeKeys = properties.map((property) => property.name).sort();
    const schemaKeys = Object.keys(node.properties ?? {}).sort();
    if (JSON.stringify(typeKeys) !== JSON.stringify(schemaKeys)) {
      problems.push(`${path}: keys ${JSON.stringify(typeKeys)} in the type, ${JSON.stringify(schemaKeys)} in the schema`);
    }
    for (const property of properties) {
      const propertyNode = node.properties?.[property.name];
      if (!propertyNode) continue;
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      const required = node.required?.includes(property.name) ?? false;
      if (optional === required) problems.push(`${path}.${property.name}: ${optional ? 'optional' : 'required'} in the type but not in the schema`);
      walk(checker.getTypeOfSymbol(property), propertyNode, `${path}.${property.name}`);
    }
  };

  walk(checker.getDeclaredTypeOfSymbol(estateSymbol), schema, 'LabEstate');
  return problems;
}

describe('live-state schema', () => {
  it('describes exactly the LabEstate type (LiveState plus the lab fields)', () => {
    expect(compareTypeWithSchema()).toEqual([]);
  });

  it('accepts the example estate', () => {
    expect(validateEstate(parse(readFileSync(EXAMPLE_ESTATE_FILE, 'utf8')))).toEqual([]);
  });

  it.each([
    ['at the root', (estate: Record<string, unknown>) => (estate.owner = 'ops'), 'owner'],
    ['on a host', (estate: Record<string, unknown>) => ((estate.hosts as Record<string, unknown>[])[0]!.colour = 'blue'), 'hosts[0].colour'],
    ['in lab settings', (estate: Record<string, unknown>) => (estate.lab = { policyRefresh: 'manual', speed: 2 }), 'lab.speed'],
  ])('rejects an unknown key %s', (_where, edit, path) => {
    const estate = parse(readFileSync(EXAMPLE_ESTATE_FILE, 'utf8')) as Record<string, unknown>;
    edit(estate);
    expect(validateEstate(estate)).toEqual([{ path, segments: expect.any(Array), message: 'is not a known key' }]);
  });

  it('reports every problem at once', () => {
    const estate = parse(readFileSync(EXAMPLE_ESTATE_FILE, 'utf8')) as { formatVersion: number; hosts: { os?: string; host?: string }[] };
    estate.formatVersion = 2;
    estate.hosts[1]!.os = 'windows11';
    delete estate.hosts[2]!.host;
    expect(validateEstate(estate).map((problem) => `${problem.path} ${problem.message}`)).toEqual([
      'formatVersion must be equal to constant',
      'hosts[1].os must be one of "windowsServer2008", "windowsServer2008R2", "windowsServer2012", "windowsServer2016", "windowsServer2019", "windowsServer2022", "windowsServer2025"',
      'hosts[2].host is required',
    ]);
  });
});
