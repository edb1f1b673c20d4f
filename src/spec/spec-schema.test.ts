/**
 * Keeps `schemas/rdsctl.schema.json` and the `Spec` type in `model/spec.ts` in agreement: the
 * same keys, the same optionality and the same enums, read from the TypeScript compiler.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { readSpecSchema } from './spec-schema.js';

type Shape =
  | { kind: 'string' | 'number' | 'boolean' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'array'; items: Shape }
  | { kind: 'map'; values: Shape }
  | { kind: 'union'; members: Shape[] }
  | { kind: 'object'; properties: Record<string, { optional: boolean; shape: Shape }> };

type SchemaNode = Record<string, unknown>;

const SPEC_TS = fileURLToPath(new URL('../model/spec.ts', import.meta.url));

function describeSpecType(): Shape {
  const program = ts.createProgram([SPEC_TS], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022 });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(SPEC_TS);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const specSymbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.name === 'Spec');
  if (!specSymbol) throw new Error('Spec not found in model/spec.ts');

  function describeType(type: ts.Type): Shape {
    if (type.isUnion()) {
      const members = type.types.filter((member) => !(member.flags & ts.TypeFlags.Undefined));
      if (members.every((member) => member.flags & ts.TypeFlags.BooleanLiteral)) return { kind: 'boolean' };
      if (members.every((member) => member.isStringLiteral())) {
        return { kind: 'enum', values: members.map((member) => (member as ts.StringLiteralType).value).sort() };
      }
      if (members.length === 1 && members[0]) return describeType(members[0]);
      return { kind: 'union', members: sortShapes(members.map(describeType)) };
    }
    if (type.isStringLiteral()) return { kind: 'enum', values: [type.value] };
    if (type.flags & ts.TypeFlags.String) return { kind: 'string' };
    if (type.flags & ts.TypeFlags.Number) return { kind: 'number' };
    if (type.flags & ts.TypeFlags.Boolean) return { kind: 'boolean' };
    if (checker.isArrayType(type)) {
      const [item] = checker.getTypeArguments(type as ts.TypeReference);
      if (!item) throw new Error('array without an item type');
      return { kind: 'array', items: describeType(item) };
    }
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (index) return { kind: 'map', values: describeType(index.type) };
    const properties: Record<string, { optional: boolean; shape: Shape }> = {};
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      if (!declaration) throw new Error(`no declaration for ${property.name}`);
      properties[property.name] = {
        optional: (property.flags & ts.SymbolFlags.Optional) !== 0,
        shape: describeType(checker.getTypeOfSymbolAtLocation(property, declaration)),
      };
    }
    return { kind: 'object', properties };
  }

  return describeType(checker.getDeclaredTypeOfSymbol(specSymbol));
}

function describeSchema(root: SchemaNode): Shape {
  const definitions = root.definitions as Record<string, SchemaNode>;
  const resolve = (node: SchemaNode): SchemaNode => {
    if (typeof node.$ref !== 'string') return node;
    const target = definitions[node.$ref.replace('#/definitions/', '')];
    if (!target) throw new Error(`unresolved ${node.$ref}`);
    return resolve(target);
  };

  function describeNode(input: SchemaNode): Shape {
    const node = resolve(input);
    if ('const' in node) return { kind: 'enum', values: [String(node.const)] };
    if (Array.isArray(node.enum)) return { kind: 'enum', values: node.enum.map(String).sort() };
    if (Array.isArray(node.type)) {
      return { kind: 'union', members: sortShapes([describeNode(node.then as SchemaNode), describeNode(node.else as SchemaNode)]) };
    }
    switch (node.type) {
      case 'string':
        return { kind: 'string' };
      case 'integer':
      case 'number':
        return { kind: 'number' };
      case 'boolean':
        return { kind: 'boolean' };
      case 'array':
        return { kind: 'array', items: describeNode(node.items as SchemaNode) };
      case 'object': {
        if (node.properties === undefined) return { kind: 'map', values: describeNode(node.additionalProperties as SchemaNode) };
        const required = new Set((node.required as string[] | undefined) ?? []);
        const properties: Record<string, { optional: boolean; shape: Shape }> = {};
        for (const [name, property] of Object.entries(node.properties as Record<string, SchemaNode>)) {
          properties[name] = { optional: !required.has(name), shape: describeNode(property) };
        }
        return { kind: 'object', properties };
      }
      default:
        throw new Error(`unexpected schema node ${JSON.stringify(node).slice(0, 80)}`);
    }
  }
  return describeNode(root);
}

function sortShapes(shapes: Shape[]): Shape[] {
  return [...shapes].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

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
    expect(describeSchema(schema)).toEqual(describeSpecType());
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
