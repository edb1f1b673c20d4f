import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { channelOfProgram } from '../engine/key-pack-groups.js';
import type { LicenseProgram } from '../model/spec.js';
import { anchorOfHeading } from './reference/markdown-text.js';
import { REFERENCE_CHECK_RULES } from './reference/reference-check-rules.js';
import { LICENCE_PROGRAMME_INSTALLS } from './reference/render-licence-programmes.js';
import { renderObjectTable, type TableContext } from './reference/render-object-table.js';
import { sliceTopLevelSections } from './reference/slice-top-level-sections.js';
import { renderSpecReference, type SchemaNode } from './render-spec-reference.js';
import { readSpecSchema } from './spec-schema.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const DOC = path.join(REPO, 'docs', 'spec.md');
const EXAMPLE = { path: 'examples/contoso/rds.yaml', text: readFileSync(path.join(REPO, 'examples', 'contoso', 'rds.yaml'), 'utf8') };
const SCHEMA = readSpecSchema() as SchemaNode;

describe('docs/spec.md', () => {
  it('is the reference generated from schemas/rdsctl.schema.json (npm run docs rewrites it)', () => {
    const rendered = renderSpecReference(SCHEMA, EXAMPLE);
    if (process.env.UPDATE_DOCS === '1') {
      mkdirSync(path.dirname(DOC), { recursive: true });
      writeFileSync(DOC, rendered);
    }
    expect(existsSync(DOC), 'docs/spec.md is missing: run npm run docs').toBe(true);
    expect(readFileSync(DOC, 'utf8'), 'docs/spec.md is out of date: run npm run docs').toBe(rendered);
  });

  it('goes out of date when the schema changes', () => {
    const edited = structuredClone(SCHEMA) as { definitions: Record<string, { description?: string }> };
    edited.definitions['firewall']!.description = 'The rules the licence server needs, edited.';
    const rendered = renderSpecReference(edited as SchemaNode, EXAMPLE);
    expect(rendered).toContain('Used at `licenseServers[].firewall`. The rules the licence server needs, edited.');
    expect(rendered).not.toBe(readFileSync(DOC, 'utf8'));
  });
});

describe('renderSpecReference', () => {
  const rendered = renderSpecReference(SCHEMA, EXAMPLE);
  const headings = rendered.split('\n').filter((line) => line.startsWith('#'));

  it('has one section per top-level key, with its example or a note that the example lacks it', () => {
    for (const key of Object.keys(SCHEMA.properties ?? {})) expect(headings).toContain(`## \`${key}\``);
    expect(rendered).toContain('From `examples/contoso/rds.yaml`:\n\n```yaml\ndeployment: contoso\n```');
    expect(rendered).toContain('`examples/contoso/rds.yaml` does not use this key.');
  });

  it('gives every mapping of the schema one table, and every link a section', () => {
    const mappings = Object.values(SCHEMA.definitions ?? {}).filter((node) => node.type === 'object' && node.properties !== undefined);
    const tables = rendered.split('| key | type | required | description |').length - 1;
    expect(tables).toBe(mappings.length + 1);
    const anchors = new Set(headings.map((heading) => `#${anchorOfHeading(heading.replace(/^#+ /, ''))}`));
    const links = [...rendered.matchAll(/\]\((#[^)]+)\)/g)].map((match) => match[1]);
    expect(links.filter((link) => !anchors.has(link ?? ''))).toEqual([]);
  });

  it('documents every cross-reference check module that validate-references.ts runs', () => {
    const modules = readdirSync(path.join(REPO, 'src', 'spec'))
      .filter((file) => /^check-.*\.ts$/.test(file) && !file.endsWith('.test.ts'))
      .map((file) => file.replace(/\.ts$/, ''));
    const validate = readFileSync(path.join(REPO, 'src', 'spec', 'validate-references.ts'), 'utf8');
    const run = [...validate.matchAll(/from '\.\/(check-[a-z-]+)\.js'/g)].map((match) => match[1]);
    const documented = REFERENCE_CHECK_RULES.map((entry) => entry.module);
    expect([...documented].sort()).toEqual([...modules].sort());
    expect([...documented].sort()).toEqual([...run].sort());
  });

  it('names, for every programme, the channel rdsctl counts its licences under', () => {
    const programmes = (SCHEMA.definitions?.['licenseProgram']?.enum ?? []) as LicenseProgram[];
    expect(Object.keys(LICENCE_PROGRAMME_INSTALLS).sort()).toEqual([...programmes].sort());
    for (const program of programmes) expect(LICENCE_PROGRAMME_INSTALLS[program].channel, program).toBe(channelOfProgram(program));
    expect(rendered).toContain(
      '| `enterpriseAgreement` | `agreementNumber` | `InstallAgreementLicenseKeyPack`, `AgreementType` 1 (Enterprise Agreement) | `volume` (2) |',
    );
    expect(rendered).toContain('| `open` | `licenseNumber`, `authorizationNumber` | `InstallOpenLicenseKeyPack` | `open` (5) |');
    expect(rendered).toContain('| `retail` | `retailKey` | `InstallRetailPurchaseLicenseKeyPack` | `retail` (1) |');
    expect(rendered).toContain('Agreement programmes install as volume packs (`KeyPackType` 2).');
  });
});

describe('renderObjectTable', () => {
  const document: SchemaNode = {
    definitions: {
      hostName: { title: 'Host name', type: 'string' },
      secret: { title: 'Secret reference', type: 'object', properties: { env: { type: 'string' } } },
    },
  };
  const context: TableContext = {
    document,
    linkTo: (node) => (node === document.definitions?.['hostName'] ? '#value-types' : node === document.definitions?.['secret'] ? '#secret-reference' : undefined),
  };

  it('turns types, requirements, conditions and defaults into words', () => {
    const node: SchemaNode = {
      type: 'object',
      required: ['mode'],
      properties: {
        mode: { title: 'Mode', description: 'How.', enum: ['a', 'b', 'c'] },
        server: { title: 'Server', description: 'Where.', $ref: '#/definitions/hostName' },
        servers: { title: 'Servers', description: 'In order.', type: 'array', minItems: 1, items: { $ref: '#/definitions/hostName' } },
        key: { description: 'A secret.', $ref: '#/definitions/secret' },
        port: { title: 'Port', description: 'TCP.', type: 'integer', minimum: 1, maximum: 65535, default: 22 },
        names: { title: 'Names', description: 'Aliases.', type: 'object', additionalProperties: { type: 'string' } },
        by: { title: 'By', description: 'Either.', type: ['string', 'object'], if: { type: 'string' }, then: { enum: ['local'] }, else: { $ref: '#/definitions/secret' } },
        odd: { title: 'Odd', description: 'Rarely.', type: 'boolean' },
      },
      if: { properties: { mode: { const: 'a' } }, required: ['mode'] },
      then: { required: ['server'] },
      allOf: [
        { if: { properties: { mode: { enum: ['b', 'c'] } } }, then: { required: ['servers', 'server'] } },
        { if: { properties: { mode: { const: 'a' }, port: { const: 1 } } }, then: { required: ['odd'] } },
      ],
    };
    expect(renderObjectTable(node, context)).toBe(
      [
        '| key | type | required | description |',
        '| --- | --- | --- | --- |',
        '| `mode` | one of `a`, `b`, `c` | yes | **Mode.** How. |',
        '| `server` | [Host name](#value-types) | when mode is `a`; or when mode is `b` or `c` | **Server.** Where. |',
        '| `servers` | list of [Host name](#value-types), at least 1 | when mode is `b` or `c` | **Servers.** In order. |',
        '| `key` | [Secret reference](#secret-reference) | no | **Secret reference.** A secret. |',
        '| `port` | integer, 1 to 65535 | no | **Port.** TCP. Default: `22`. |',
        '| `names` | map of string to string | no | **Names.** Aliases. |',
        '| `by` | `local` or [Secret reference](#secret-reference) | no | **By.** Either. |',
        '| `odd` | boolean | in some cases (see the schema) | **Odd.** Rarely. |',
      ].join('\n'),
    );
  });

  it('says when exactly one key may be given, and escapes pipes in cells', () => {
    const node: SchemaNode = { type: 'object', minProperties: 1, maxProperties: 1, properties: { env: { title: 'Env', description: 'a | b', type: 'string' } } };
    expect(renderObjectTable(node, context)).toBe(
      ['| key | type | required | description |', '| --- | --- | --- | --- |', '| `env` | string | no | **Env.** a \\| b |', '', 'Give exactly one of these keys.'].join('\n'),
    );
  });
});

describe('sliceTopLevelSections', () => {
  it('cuts a spec into its top-level keys, keeping comments and dropping trailing blank lines', () => {
    const text = '# modeline\r\napiVersion: rdsctl/v1\r\n\r\nconnection:\r\n  provider: lab   # simulated\r\n\r\n  estate: ./e.yaml\r\n\r\n';
    expect(sliceTopLevelSections(text)).toEqual(
      new Map([
        ['apiVersion', 'apiVersion: rdsctl/v1'],
        ['connection', 'connection:\n  provider: lab   # simulated\n\n  estate: ./e.yaml'],
      ]),
    );
  });
});
