/**
 * The spec reference (`docs/spec.md`), generated from the spec's JSON Schema so that it cannot
 * drift from it: a hand-written introduction, then one section per top-level key with its
 * example from the example spec and a table per mapping, the value types, the cross-reference
 * checks and the licence programmes. Pure: the caller reads the files and writes the result.
 */
import { anchorOfHeading, formatCode, renderTable } from './reference/markdown-text.js';
import { REFERENCE_CHECK_RULES } from './reference/reference-check-rules.js';
import { renderLicenceProgrammes } from './reference/render-licence-programmes.js';
import { describeSchemaType, renderObjectTable, type TableContext } from './reference/render-object-table.js';
import { alternativesOf, isObjectWithKeys, resolveSchemaNode, type SchemaNode } from './reference/schema-node.js';
import { sliceTopLevelSections } from './reference/slice-top-level-sections.js';

export type { SchemaNode } from './reference/schema-node.js';

export interface SpecExample {
  /** Where the example lives, as the reference should name it (e.g. `examples/contoso/rds.yaml`). */
  readonly path: string;
  readonly text: string;
}

interface NestedSection {
  readonly node: SchemaNode;
  readonly heading: string;
}

const VALUE_TYPES_ANCHOR = '#value-types';

const INTRODUCTION = `# The rdsctl spec

<!-- Generated from schemas/rdsctl.schema.json by src/spec/render-spec-reference.ts. Do not edit by hand: change those and run \`npm run docs\`. -->

A spec is a YAML file, usually called \`rds.yaml\`, that declares the desired state of one Remote
Desktop Services licensing estate: the RD Licensing servers and the CALs they hold, the session
host pools and where their licensing settings come from, the GPOs that carry those settings,
the guard rails rdsctl must respect, and how to reach the hosts. \`rdsctl plan\` reads the live
state of every host and shows what it would change to match the spec; \`rdsctl apply\` makes
those changes.

rdsctl checks a spec in two steps and reports every problem at once, each with file, line and
column: first against its JSON Schema, \`schemas/rdsctl.schema.json\` (the tables below are
generated from it), then with the [cross-reference checks](#cross-reference-checks).

## Editor support

Start the spec with this modeline, and editors that use the YAML language server (for example
Visual Studio Code with the Red Hat YAML extension) complete keys, show the descriptions below
and underline mistakes as you type:

\`\`\`yaml
# yaml-language-server: $schema=../../schemas/rdsctl.schema.json
\`\`\`

The path is relative to the spec file: point it at \`schemas/rdsctl.schema.json\` in rdsctl's
checkout or package (for example \`node_modules/rdsctl/schemas/rdsctl.schema.json\`).

## Connection Broker deployments

In a deployment with an RD Connection Broker the broker holds one licensing mode and licence-server
list for the whole deployment and pushes them to its session hosts, where they land in the hosts'
local layer. A value rdsctl wrote there would be overwritten at the next push, so rdsctl never
fights the broker: \`plan\` refuses to set the mode or the servers locally on a host that reports a
broker (the refusal names the broker and the key below). Say instead who owns those settings:

\`\`\`yaml
sessionHostPools:
  - name: desktops
    hosts: ["rdsh[01:03].corp.contoso.com"]
    configuredBy: { broker: cb01.corp.contoso.com }   # apply sets the broker's deployment licensing
    licensingMode: perUser
    licenseServers: [lic01.corp.contoso.com]
  - name: lab
    hosts: ["lab[01:04].corp.contoso.com"]
    configuredBy: { broker: cb02.corp.contoso.com, licensingOwner: broker }   # hands off
\`\`\`

With the default \`licensingOwner: rdsctl\`, the pool's \`licensingMode\` and \`licenseServers\` are
the broker's: \`plan\` shows \`connectionBroker[HOST]\` changes, \`apply\` sets them with
\`Set-RDLicenseConfiguration\` on the broker, and \`doctor\` reports \`RDSL-BROKER-DISAGREES\` while the
broker's values differ. With \`licensingOwner: broker\` the pool declares neither, and rdsctl changes
neither the broker nor its hosts' mode and servers; it still reads and diagnoses them. A pool
configured by a GPO needs no broker key: Group Policy wins over the pushed local values.

## Secrets

Agreement numbers, licence codes and passwords never appear in a spec. Where one is needed, the
spec holds a reference to it instead:

\`\`\`yaml
password: { env: RDSCTL_PASSWORD }                         # an environment variable
agreementNumber: { file: ./secrets/agreement-number.txt }  # a file, relative to the spec
\`\`\`

\`plan\` never resolves a reference, so it runs without any secret; \`apply\` resolves every
reference its changes need before its first change and refuses to start when one is missing. Trailing whitespace in a secret file is ignored. Plans, output
and logs name the reference, never the value.

## Host names and ranges

Host names are DNS names (or IPv4 addresses) and compare ignoring case and a trailing dot. In a
pool's \`hosts\` list an entry can be a range: \`rdsh[01:12].corp.contoso.com\` names
\`rdsh01.corp.contoso.com\` to \`rdsh12.corp.contoso.com\`. A start written with a leading zero
fixes the width (\`[01:12]\` gives 01, 02 … 12), one without does not (\`[1:3]\` gives 1, 2, 3),
and several ranges in one entry multiply, the leftmost varying slowest. A session host belongs to
one pool and is listed once.`;

export function renderSpecReference(schema: SchemaNode, example: SpecExample): string {
  const anchors = new Map<SchemaNode, string>();
  const context: TableContext = { document: schema, linkTo: (node) => anchors.get(node) };
  const topLevel = Object.entries(schema.properties ?? {});
  const nested = new Map<string, NestedSection[]>();
  const usedAnchors = new Set<string>();
  const claimAnchor = (heading: string): string => {
    const anchor = `#${anchorOfHeading(heading)}`;
    if (usedAnchors.has(anchor)) throw new Error(`two sections of the reference would be called ${heading}`);
    usedAnchors.add(anchor);
    return anchor;
  };

  for (const definition of Object.values(schema.definitions ?? {})) {
    if (!isObjectWithKeys(definition) && alternativesOf(definition) === undefined) anchors.set(definition, VALUE_TYPES_ANCHOR);
  }
  for (const [key, property] of topLevel) {
    const target = mappingOf(schema, property);
    const anchor = claimAnchor(topLevelHeading(key));
    if (target !== undefined) anchors.set(target, anchor);
  }
  for (const [key, property] of topLevel) {
    const sections: NestedSection[] = [];
    const visit = (node: SchemaNode): void => {
      for (const child of childMappings(schema, node)) {
        if (anchors.has(child)) continue;
        const heading = child.title ?? 'Mapping';
        anchors.set(child, claimAnchor(heading));
        sections.push({ node: child, heading });
        visit(child);
      }
    };
    const target = mappingOf(schema, property);
    if (target !== undefined) visit(target);
    nested.set(key, sections);
  }

  const usedAt = findUses(schema);
  const parts = [INTRODUCTION, `## Top level\n\n${renderObjectTable(schema, context)}`];
  const examples = sliceTopLevelSections(example.text);
  for (const [key, property] of topLevel) {
    parts.push(renderTopLevelSection({ key, property, required: schema.required?.includes(key) ?? false, example, examples, context }));
    for (const section of nested.get(key) ?? []) {
      const uses = (usedAt.get(section.node) ?? []).map(formatCode).join(', ');
      const description = section.node.description === undefined ? '' : `${section.node.description}\n\n`;
      parts.push(`### ${section.heading}\n\nUsed at ${uses}. ${description}${renderObjectTable(section.node, context)}`);
    }
  }
  parts.push(renderValueTypes(schema, context), renderReferenceChecks(), `## Licence programmes\n\n${renderLicenceProgrammes(schema)}`);
  return `${parts.join('\n\n')}\n`;
}

function topLevelHeading(key: string): string {
  return `\`${key}\``;
}

function renderTopLevelSection(options: {
  key: string;
  property: SchemaNode;
  required: boolean;
  example: SpecExample;
  examples: ReadonlyMap<string, string>;
  context: TableContext;
}): string {
  const { key, property, required, example, examples, context } = options;
  const target = resolveSchemaNode(context.document, property);
  const title = property.title ?? target.title;
  const intro = [title === undefined ? '' : `**${title}.**`, property.description ?? target.description ?? ''].filter((part) => part !== '').join(' ');
  const quoted = examples.get(key);
  const shown = quoted === undefined ? `\`${example.path}\` does not use this key.` : `From \`${example.path}\`:\n\n\`\`\`yaml\n${quoted}\n\`\`\``;
  const mapping = mappingOf(context.document, property);
  const table = mapping === undefined ? '' : `\n\n${target.type === 'array' ? 'Each entry:\n\n' : ''}${renderObjectTable(mapping, context)}`;
  const typeLine = mapping === undefined ? `Type: ${describeSchemaType(property, context)}. ` : '';
  return `## ${topLevelHeading(key)}\n\n${intro}\n\n${typeLine}${required ? 'Required.' : 'Optional.'}\n\n${shown}${table}`;
}

/** The mapping a key holds: its object, or the object of each entry of its list. */
function mappingOf(document: SchemaNode, property: SchemaNode): SchemaNode | undefined {
  const node = resolveSchemaNode(document, property);
  const target = node.type === 'array' && node.items !== undefined ? resolveSchemaNode(document, node.items) : node;
  return isObjectWithKeys(target) ? target : undefined;
}

/** Mappings directly inside `node`'s keys: as values, list entries or one side of an either/or. */
function childMappings(document: SchemaNode, node: SchemaNode): SchemaNode[] {
  return Object.values(node.properties ?? {}).flatMap((property) => {
    const value = resolveSchemaNode(document, property);
    const shapes = alternativesOf(value) ?? [value];
    return shapes.flatMap((shape) => mappingOf(document, shape) ?? []);
  });
}

/** Every path in a spec at which each mapping is used, e.g. `licenseServers[].activation`. */
function findUses(document: SchemaNode): Map<SchemaNode, string[]> {
  const uses = new Map<SchemaNode, string[]>();
  const walk = (node: SchemaNode, path: string): void => {
    for (const [key, property] of Object.entries(node.properties ?? {})) {
      const value = resolveSchemaNode(document, property);
      const list = value.type === 'array';
      const childPath = `${path === '' ? '' : `${path}.`}${key}${list ? '[]' : ''}`;
      for (const shape of alternativesOf(value) ?? [value]) {
        const mapping = mappingOf(document, shape);
        if (mapping === undefined) continue;
        uses.set(mapping, [...(uses.get(mapping) ?? []), childPath]);
        walk(mapping, childPath);
      }
    }
  };
  walk(document, '');
  return uses;
}

function renderValueTypes(document: SchemaNode, context: TableContext): string {
  const rows = Object.values(document.definitions ?? {})
    .filter((definition) => context.linkTo(definition) === VALUE_TYPES_ANCHOR)
    .map((definition) => [definition.title ?? '', describeValues(definition), definition.description ?? '']);
  const intro = 'Values that several keys share. The tables above link here.';
  return `## Value types\n\n${intro}\n\n${renderTable(['type', 'values', 'description'], rows)}`;
}

function describeValues(node: SchemaNode): string {
  if (node.enum !== undefined) return node.enum.map(formatCode).join(', ');
  const limit = node.maxLength === undefined ? '' : `, at most ${node.maxLength} characters`;
  return `${typeof node.type === 'string' ? node.type : 'value'}${limit}`;
}

function renderReferenceChecks(): string {
  const intro =
    'Besides the schema, rdsctl checks what a schema cannot express, in the same run: a spec with schema errors still gets the checks its broken parts cannot mislead. Each problem is reported with its place in the spec file.';
  const groups = REFERENCE_CHECK_RULES.map(({ heading, rules }) => `### ${heading}\n\n${rules.map((rule) => `- ${rule}`).join('\n')}`);
  return `## Cross-reference checks\n\n${intro}\n\n${groups.join('\n\n')}`;
}
