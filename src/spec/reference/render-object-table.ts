/**
 * One mapping of the spec as a table (`| key | type | required | description |`), read from its
 * JSON Schema node. Conditional requirements (`if`/`then`) become plain words such as
 * "when provider is `lab`".
 */
import { formatCode, formatValueChoice, renderTable } from './markdown-text.js';
import { alternativesOf, isObjectWithKeys, resolveSchemaNode, type SchemaNode } from './schema-node.js';

export interface TableContext {
  /** The whole schema document, for `$ref`s. */
  readonly document: SchemaNode;
  /** The in-document link of a mapping or value type, when the reference has a section for it. */
  linkTo(node: SchemaNode): string | undefined;
}

export function renderObjectTable(node: SchemaNode, context: TableContext): string {
  const required = new Set(node.required ?? []);
  const conditions = describeConditionalRequirements(node);
  const rows = Object.entries(node.properties ?? {}).map(([key, property]) => [
    formatCode(key),
    describeSchemaType(property, context),
    required.has(key) ? 'yes' : (conditions.get(key) ?? 'no'),
    describeProperty(property, context.document),
  ]);
  const table = renderTable(['key', 'type', 'required', 'description'], rows);
  const exactlyOne = node.minProperties === 1 && node.maxProperties === 1 ? '\n\nGive exactly one of these keys.' : '';
  return `${table}${exactlyOne}`;
}

/** The type of a value in a few words, linking to the section of a named mapping or value type. */
export function describeSchemaType(input: SchemaNode, context: TableContext): string {
  const node = resolveSchemaNode(context.document, input);
  const link = context.linkTo(node);
  if (link !== undefined) return `[${node.title ?? 'see below'}](${link})`;
  if (node.const !== undefined) return formatCode(node.const);
  if (node.enum !== undefined) return formatValueChoice(node.enum);
  const alternatives = alternativesOf(node);
  if (alternatives) return alternatives.map((alternative) => describeSchemaType(alternative, context)).join(' or ');
  switch (node.type) {
    case 'integer':
    case 'number':
      return `${node.type}${describeRange(node)}`;
    case 'array': {
      const atLeast = node.minItems === undefined || node.minItems === 0 ? '' : `, at least ${node.minItems}`;
      return `list of ${describeSchemaType(node.items ?? {}, context)}${atLeast}`;
    }
    case 'object':
      if (isObjectWithKeys(node)) return 'mapping';
      return typeof node.additionalProperties === 'object' ? `map of string to ${describeSchemaType(node.additionalProperties, context)}` : 'mapping';
    default:
      return typeof node.type === 'string' ? node.type : 'any value';
  }
}

function describeRange(node: SchemaNode): string {
  if (node.minimum !== undefined && node.maximum !== undefined) return `, ${node.minimum} to ${node.maximum}`;
  if (node.minimum !== undefined) return `, at least ${node.minimum}`;
  if (node.maximum !== undefined) return `, at most ${node.maximum}`;
  return '';
}

/** `**Title.** Description.` plus the default, from the property or else from what it refers to. */
function describeProperty(property: SchemaNode, document: SchemaNode): string {
  const target = resolveSchemaNode(document, property);
  const title = property.title ?? target.title;
  const description = property.description ?? target.description ?? '';
  const fallback = property.default ?? target.default;
  const parts = [title === undefined ? '' : `**${title}.**`, description, fallback === undefined ? '' : `Default: ${formatCode(fallback)}.`];
  return parts.filter((part) => part !== '').join(' ');
}

/**
 * Keys an `if`/`then` rule makes required, each with the condition in words. A condition the
 * words cannot express reads "in some cases (see the schema)" rather than being left out.
 */
export function describeConditionalRequirements(node: SchemaNode): Map<string, string> {
  const rules = [node, ...(node.allOf ?? [])].filter((rule) => rule.if !== undefined && rule.then !== undefined && rule.else === undefined);
  const conditions = new Map<string, string[]>();
  for (const rule of rules) {
    const condition = describeCondition(rule.if ?? {});
    for (const key of rule.then?.required ?? []) conditions.set(key, [...(conditions.get(key) ?? []), condition]);
  }
  return new Map([...conditions].map(([key, texts]) => [key, texts.join('; or ')]));
}

function describeCondition(test: SchemaNode): string {
  const entries = Object.entries(test.properties ?? {});
  const [entry] = entries;
  if (entries.length !== 1 || entry === undefined) return 'in some cases (see the schema)';
  const [key, value] = entry;
  if (value.const !== undefined) return `when ${key} is ${formatCode(value.const)}`;
  if (value.enum !== undefined) return `when ${key} is ${formatValueChoice(value.enum)}`;
  return 'in some cases (see the schema)';
}
