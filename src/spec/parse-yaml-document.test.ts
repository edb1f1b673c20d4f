import { describe, expect, it } from 'vitest';
import { BASE_SPEC, editSpec } from './fixtures/base-spec.js';
import { collectHints, collectProblems } from './fixtures/collect-problems.js';

const F = 'specs/rds.yaml';

interface BadSpec {
  readonly name: string;
  readonly text: string;
  readonly lines: readonly string[];
}

const YAML_CASES: readonly BadSpec[] = [
  { name: 'an empty file', text: '', lines: [`${F}:1:1: the file is empty; expected a spec starting with apiVersion: rdsctl/v1`] },
  { name: 'only comments', text: '# nothing yet\n', lines: [`${F}:1:1: the file is empty; expected a spec starting with apiVersion: rdsctl/v1`] },
  {
    name: 'a list at the top level',
    text: '- apiVersion: rdsctl/v1\n',
    lines: [`${F}:1:1: expected a mapping of keys (apiVersion: rdsctl/v1, deployment: …) at the top level, got a list`],
  },
  {
    name: 'a scalar at the top level',
    text: 'hello\n',
    lines: [`${F}:1:1: expected a mapping of keys (apiVersion: rdsctl/v1, deployment: …) at the top level, got a single value`],
  },
  {
    name: 'a duplicate key, at the second occurrence',
    text: editSpec(['    os: windowsServer2022\n    activation:', '    os: windowsServer2022\n    os: windowsServer2019\n    activation:']),
    lines: [`${F}:12:5: duplicate key "os"`],
  },
  {
    name: 'an unclosed flow mapping',
    text: editSpec(['firewall: { ruleGroup: enabled }', 'firewall: { ruleGroup: enabled']),
    lines: [`${F}:19:5: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }`],
  },
  {
    name: 'a tab used as indentation',
    text: editSpec(['  minFreeCals: 10', '\tminFreeCals: 10']),
    lines: [`${F}:7:1: tabs are not allowed as indentation`],
  },
  { name: 'a custom tag', text: editSpec(['deployment: contoso', 'deployment: !Ref contoso']), lines: [`${F}:2:13: unknown YAML tag "!Ref"; a spec uses plain YAML without custom tags`] },
  {
    name: 'two YAML documents',
    text: `${BASE_SPEC}---\napiVersion: rdsctl/v1\n`,
    lines: [`${F}:51:1: the file holds several YAML documents (separated by ---); a spec is one document`],
  },
  {
    name: 'a backslash escape in a double-quoted Windows path',
    text: editSpec(['{ file: ./secrets/lab-agreement-number.txt }', '{ file: "C:\\secrets\\ea.txt" }']),
    lines: [`${F}:22:37: invalid escape sequence in a double-quoted string`],
  },
  {
    name: 'an unquoted host range inside a flow list',
    text: editSpec(['[kiosk01.corp.contoso.com, kiosk02.corp.contoso.com]', '[kiosk[01:02].corp.contoso.com]']),
    lines: [`${F}:40:18: invalid YAML: Missing , or : between flow sequence items`],
  },
  {
    name: 'an alias bomb',
    text: [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      '',
    ].join('\n'),
    lines: [`${F}:2:8: YAML aliases expand to too many nodes (limit 100); refused as a resource-exhaustion guard`],
  },
  {
    name: 'deep nesting',
    text: `a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
    lines: [expect.stringMatching(/^specs\/rds\.yaml:1:\d+: the YAML nests too deeply; refused as a resource-exhaustion guard$/) as unknown as string],
  },
  {
    name: 'NUL bytes',
    text: 'apiVersion: rdsctl/v1\ndeployment: \0\0\0\n',
    lines: [`${F}:2:13: the file contains NUL bytes; it looks binary, not a YAML spec`],
  },
];

describe('parseYamlDocument through parseSpecText', () => {
  it.each(YAML_CASES)('refuses $name', ({ text, lines }) => expect(collectProblems(text)).toEqual(lines));

  it('explains that host ranges inside a flow list need quotes', () => {
    expect(collectHints(editSpec(['[kiosk01.corp.contoso.com, kiosk02.corp.contoso.com]', '[kiosk[01:02].corp.contoso.com]']))).toEqual([
      'inside [ … ] lists, quote host ranges: ["rdsh[01:12].corp.contoso.com"]',
    ]);
  });
});
