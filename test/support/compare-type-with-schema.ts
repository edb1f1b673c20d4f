/**
 * Compares an exported TypeScript type with a JSON Schema (draft-07), reading the type with the
 * TypeScript compiler, and lists every disagreement: property names, optionality, string- and
 * number-literal enums, null, arrays, records, closed objects and unions (`oneOf`, `anyOf`,
 * type lists, `if`/`then`/`else` choosing between two shapes). An empty list means agreement.
 */
import ts from 'typescript';

export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  if?: SchemaNode;
  then?: SchemaNode;
  else?: SchemaNode;
  definitions?: Record<string, SchemaNode>;
  [keyword: string]: unknown;
}

export interface TypeSchemaComparison {
  /** Absolute path of the module that exports the type. */
  readonly file: string;
  /** Exported interface or type alias to compare. */
  readonly typeName: string;
  /** The whole schema document: `$ref`s resolve against its `definitions`. */
  readonly schema: SchemaNode;
  /** Compare with `#/definitions/NAME` rather than with the schema's root. */
  readonly definition?: string;
}

type Kind = 'null' | 'boolean' | 'literal' | 'string' | 'number' | 'array' | 'record' | 'object';

const programs: ts.Program[] = [];

/** A program that contains `file`, reusing an earlier one: creating a program takes seconds. */
function programFor(file: string): ts.Program {
  const known = programs.find((program) => program.getSourceFile(file) !== undefined);
  if (known) return known;
  const options = { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true };
  const program = ts.createProgram([file], options);
  programs.push(program);
  return program;
}

export function compareTypeWithSchema(comparison: TypeSchemaComparison): string[] {
  const { file, typeName, schema, definition } = comparison;
  const program = programFor(file);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  const exported = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.name === typeName);
  if (!exported) throw new Error(`${typeName} is not exported by ${file}`);
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const root = definition === undefined ? schema : schema.definitions?.[definition];
  if (!root) throw new Error(`#/definitions/${definition} not found`);

  const problems: string[] = [];
  const resolve = (node: SchemaNode): SchemaNode => {
    if (node.$ref === undefined) return node;
    const target = node.$ref.startsWith('#/definitions/') ? schema.definitions?.[node.$ref.slice('#/definitions/'.length)] : undefined;
    if (!target) throw new Error(`unresolved ${node.$ref}`);
    return resolve(target);
  };

  /** The shapes a schema node allows, one per alternative. */
  const alternativesOf = (input: SchemaNode): SchemaNode[] => {
    const node = resolve(input);
    const choices = node.oneOf ?? node.anyOf ?? (node.if && node.then && node.else ? [node.then, node.else] : undefined);
    if (choices) return choices.flatMap(alternativesOf);
    if (Array.isArray(node.type)) return node.type.flatMap((type) => alternativesOf({ ...node, type }));
    if (node.enum?.includes(null)) {
      const values = node.enum.filter((value) => value !== null);
      return [{ type: 'null' }, ...(values.length > 0 ? [{ ...node, enum: values }] : [])];
    }
    return [node];
  };

  const kindOfNode = (node: SchemaNode): Kind => {
    if (node.const !== undefined || node.enum !== undefined) return 'literal';
    switch (node.type) {
      case 'null':
      case 'boolean':
      case 'string':
      case 'array':
        return node.type;
      case 'number':
      case 'integer':
        return 'number';
      case 'object':
        return node.properties === undefined && typeof node.additionalProperties === 'object' ? 'record' : 'object';
      default:
        throw new Error(`schema node without a type the comparison understands: ${JSON.stringify(node).slice(0, 120)}`);
    }
  };

  const kindOfType = (type: ts.Type): Kind => {
    if (type.flags & ts.TypeFlags.Null) return 'null';
    if (type.flags & ts.TypeFlags.BooleanLiteral) return 'boolean';
    if (type.isStringLiteral() || type.isNumberLiteral()) return 'literal';
    if (type.flags & ts.TypeFlags.String) return 'string';
    if (type.flags & ts.TypeFlags.Number) return 'number';
    if (checker.isArrayType(type)) return 'array';
    if (checker.getIndexInfoOfType(type, ts.IndexKind.String)) return 'record';
    if (type.flags & ts.TypeFlags.Object) return 'object';
    throw new Error(`type the comparison does not understand: ${checker.typeToString(type)}`);
  };

  const sortedJson = (values: unknown[]): string => JSON.stringify([...values].sort());
  const literalsOfNode = (node: SchemaNode): unknown[] => (node.const !== undefined ? [node.const] : (node.enum ?? []));

  const compare = (type: ts.Type, node: SchemaNode, path: string, out: string[]): void => {
    if (type.flags & ts.TypeFlags.Unknown) {
      // An open value (e.g. live values kept as read): the schema must leave it open too.
      const open = resolve(node);
      if (open.type !== undefined || open.oneOf !== undefined || open.anyOf !== undefined) out.push(`${path}: any value allowed by the type, but the schema restricts it`);
      return;
    }
    const members = (type.isUnion() ? type.types : [type]).filter((member) => !(member.flags & ts.TypeFlags.Undefined));
    const alternatives = alternativesOf(node);
    const typesOf = (kind: Kind): ts.Type[] => members.filter((member) => kindOfType(member) === kind);
    const nodesOf = (kind: Kind): SchemaNode[] => alternatives.filter((alternative) => kindOfNode(alternative) === kind);
    for (const kind of ['null', 'boolean', 'string', 'number'] as const) {
      const inType = typesOf(kind).length > 0;
      const inSchema = nodesOf(kind).length > 0;
      if (inType && !inSchema) out.push(`${path}: ${kind} allowed by the type but not by the schema`);
      if (!inType && inSchema) out.push(`${path}: ${kind} allowed by the schema but not by the type`);
    }
    const literals = typesOf('literal').map((member) => (member as ts.LiteralType).value);
    const allowed = nodesOf('literal').flatMap(literalsOfNode);
    if (sortedJson(literals) !== sortedJson(allowed)) out.push(`${path}: type allows ${sortedJson(literals)}, schema ${sortedJson(allowed)}`);
    for (const kind of ['array', 'record', 'object'] as const) pairStructures(typesOf(kind), nodesOf(kind), kind, path, out);
  };

  /** Pairs each structured member of the type with the schema alternative it agrees with best. */
  const pairStructures = (types: ts.Type[], nodes: SchemaNode[], kind: Kind, path: string, out: string[]): void => {
    const unused = new Set(nodes);
    for (const type of types) {
      const where = types.length > 1 ? `${path}${describeDiscriminant(type)}` : path;
      const attempts = nodes.map((node) => {
        const found: string[] = [];
        compareStructure(type, node, where, found);
        return { node, found };
      });
      const best = attempts.sort((a, b) => a.found.length - b.found.length)[0];
      if (!best) {
        out.push(`${where}: ${kind} allowed by the type but not by the schema`);
        continue;
      }
      unused.delete(best.node);
      out.push(...best.found);
    }
    if (types.length === 0 && nodes.length > 0) out.push(`${path}: ${kind} allowed by the schema but not by the type`);
    else for (const node of unused) out.push(`${path}: the schema allows ${describeNode(node)}, which matches no member of the type`);
  };

  const compareStructure = (type: ts.Type, node: SchemaNode, path: string, out: string[]): void => {
    if (checker.isArrayType(type)) {
      const [item] = checker.getTypeArguments(type as ts.TypeReference);
      if (!item || !node.items) out.push(`${path}: array without an item type`);
      else compare(item, node.items, `${path}[]`, out);
      return;
    }
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (index) {
      compare(index.type, node.additionalProperties as SchemaNode, `${path}{}`, out);
      return;
    }
    if (node.additionalProperties !== false) out.push(`${path}: must be a closed object in the schema (additionalProperties: false)`);
    const declared = node.properties ?? {};
    const required = new Set(node.required ?? []);
    const properties = checker.getPropertiesOfType(type);
    for (const name of Object.keys(declared)) {
      if (!properties.some((property) => property.name === name)) out.push(`${path}.${name}: in the schema, not in the type`);
    }
    for (const property of properties) {
      const propertyNode = declared[property.name];
      if (!propertyNode) {
        out.push(`${path}.${property.name}: in the type, not in the schema`);
        continue;
      }
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
      if (optional === required.has(property.name)) {
        out.push(`${path}.${property.name}: ${optional ? 'optional in the type but required in the schema' : 'required in the type but optional in the schema'}`);
      }
      compare(checker.getTypeOfSymbol(property), propertyNode, `${path}.${property.name}`, out);
    }
  };

  /** `(kind=installLicenses)` for a member of a discriminated union, so paths say which member. */
  const describeDiscriminant = (type: ts.Type): string => {
    for (const property of checker.getPropertiesOfType(type)) {
      const propertyType = checker.getTypeOfSymbol(property);
      if (propertyType.isStringLiteral()) return `(${property.name}=${propertyType.value})`;
    }
    return `(${checker.typeToString(type)})`;
  };

  const describeNode = (node: SchemaNode): string => {
    const constants = Object.entries(node.properties ?? {}).flatMap(([name, property]) => {
      const value = resolve(property).const;
      return value === undefined ? [] : [`${name}=${JSON.stringify(value)}`];
    });
    return constants.length > 0 ? `an object with ${constants.join(', ')}` : `a ${kindOfNode(node)}`;
  };

  compare(checker.getDeclaredTypeOfSymbol(symbol), root, typeName, problems);
  return problems;
}
