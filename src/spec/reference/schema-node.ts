/**
 * The parts of a JSON Schema (draft-07) document the spec reference reads, and `$ref`
 * resolution within one document.
 */
export interface SchemaNode {
  readonly $ref?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly if?: SchemaNode;
  readonly then?: SchemaNode;
  readonly else?: SchemaNode;
  readonly allOf?: readonly SchemaNode[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxLength?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly definitions?: Readonly<Record<string, SchemaNode>>;
}

/** Follows `#/definitions/NAME` references until a node without one. */
export function resolveSchemaNode(document: SchemaNode, node: SchemaNode): SchemaNode {
  if (node.$ref === undefined) return node;
  const name = node.$ref.startsWith('#/definitions/') ? node.$ref.slice('#/definitions/'.length) : undefined;
  const target = name === undefined ? undefined : document.definitions?.[name];
  if (target === undefined) throw new Error(`the schema refers to ${node.$ref}, which it does not define`);
  return resolveSchemaNode(document, target);
}

/** True for an object with declared keys (a mapping that gets its own table). */
export function isObjectWithKeys(node: SchemaNode): boolean {
  return node.type === 'object' && node.properties !== undefined;
}

/**
 * The shapes of a node that is one thing or another (`type: [a, b]` with `if`/`then`/`else`),
 * where the `else` may itself choose between shapes with a nested `if`/`then`/`else`.
 */
export function alternativesOf(node: SchemaNode): readonly SchemaNode[] | undefined {
  if (!Array.isArray(node.type) || node.then === undefined || node.else === undefined) return undefined;
  return [node.then, ...elseShapes(node.else)];
}

function elseShapes(node: SchemaNode): SchemaNode[] {
  return node.if !== undefined && node.then !== undefined && node.else !== undefined ? [node.then, ...elseShapes(node.else)] : [node];
}
