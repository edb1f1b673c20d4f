import { describe, expect, it } from 'vitest';
import { editSpec } from './fixtures/base-spec.js';
import { catchRdsctlError, collectHints, collectProblems } from './fixtures/collect-problems.js';
import { parseSpecText } from './load-spec.js';

const F = 'specs/rds.yaml';

interface BadSpec {
  readonly name: string;
  readonly text: string;
  readonly lines: readonly string[];
}

const SCHEMA_CASES: readonly BadSpec[] = [
  {
    name: 'a word where an integer belongs',
    text: editSpec(['quantity: 250', 'quantity: many']),
    lines: [`${F}:25:19: licenseServers[0].keyPacks[0].quantity: expected an integer, got "many"`],
  },
  {
    name: 'an empty value where an integer belongs',
    text: editSpec(['quantity: 250', 'quantity:']),
    lines: [`${F}:25:18: licenseServers[0].keyPacks[0].quantity: expected an integer, got an empty value`],
  },
  {
    name: 'a quantity below 1',
    text: editSpec(['quantity: 50', 'quantity: 0']),
    lines: [`${F}:31:19: licenseServers[0].keyPacks[1].quantity: expected at least 1, got 0`],
  },
  {
    name: 'a misspelt key, pointed at the key itself',
    text: editSpec(['quantity: 250', 'quantiy: 250']),
    lines: [`${F}:25:9: licenseServers[0].keyPacks[0].quantiy: unknown key "quantiy" (did you mean "quantity"?)`],
  },
  {
    name: 'an unknown key with nothing close',
    text: editSpec(['  provider: lab', '  provider: lab\n  colour: red']),
    lines: [`${F}:5:3: connection.colour: unknown key "colour"`],
  },
  {
    name: 'a missing required key',
    text: editSpec(['        product: windowsServer2022\n        type: perDevice', '        type: perDevice']),
    lines: [`${F}:26:9: licenseServers[0].keyPacks[1]: missing required key "product"`],
  },
  {
    name: 'a value outside an enum',
    text: editSpec(['type: perUser', 'type: perUsers']),
    lines: [`${F}:24:15: licenseServers[0].keyPacks[0].type: expected one of perUser, perDevice, got "perUsers"`],
  },
  {
    name: 'an unknown OS version',
    text: editSpec(['    os: windowsServer2022\nsessionHostPools', '    os: windowsServer2023\nsessionHostPools']),
    lines: [
      `${F}:33:9: licenseServers[1].os: expected one of windowsServer2008, windowsServer2008R2, windowsServer2012, windowsServer2016, windowsServer2019, windowsServer2022, windowsServer2025, got "windowsServer2023"`,
    ],
  },
  {
    name: 'another apiVersion, reported alone',
    text: editSpec(['apiVersion: rdsctl/v1', 'apiVersion: rdsctl/v2'], ['quantity: 250', 'quantity: many']),
    lines: [`${F}:1:13: apiVersion: expected "rdsctl/v1", got "rdsctl/v2"`],
  },
  {
    name: 'no apiVersion',
    text: editSpec(['apiVersion: rdsctl/v1\n', '']),
    lines: [`${F}:1:1: missing required key "apiVersion"`],
  },
  {
    name: 'a deployment name with a space',
    text: editSpec(['deployment: contoso', 'deployment: "con toso"']),
    lines: [`${F}:2:13: deployment: expected a short identifier (letters, digits, "-", "_", "."), got "con toso"`],
  },
  {
    name: 'a misspelt configuredBy',
    text: editSpec(['configuredBy: local', 'configuredBy: locl']),
    lines: [`${F}:42:19: sessionHostPools[1].configuredBy: expected local or { gpo: NAME }, got "locl"`],
  },
  {
    name: 'a number as configuredBy, reported once',
    text: editSpec(['configuredBy: { gpo: "RDS Licensing - Finance" }', 'configuredBy: 5']),
    lines: [`${F}:38:19: sessionHostPools[0].configuredBy: expected local or { gpo: NAME }, got 5`],
  },
  {
    name: 'a local pool without a licensing mode',
    text: editSpec(['    licensingMode: perDevice\n', '']),
    lines: [`${F}:39:5: sessionHostPools[1]: missing required key "licensingMode" (needed when configuredBy is local)`],
  },
  {
    name: 'a lab connection without an estate',
    text: editSpec(['  estate: ./estate.yaml\n', '']),
    lines: [`${F}:4:3: connection: missing required key "estate" (needed when provider is lab)`],
  },
  {
    name: 'a retail pack without its key',
    text: editSpec(['program: enterpriseAgreement\n        agreementNumber: { env', 'program: retail\n        agreementNumber: { env']),
    lines: [`${F}:26:9: licenseServers[0].keyPacks[1]: missing required key "retailKey" (needed when program is retail)`],
  },
  {
    name: 'an open pack without its numbers',
    text: editSpec(['program: enterpriseAgreement\n        agreementNumber: { env', 'program: open\n        agreementNumber: { env']),
    lines: [
      `${F}:26:9: licenseServers[0].keyPacks[1]: missing required key "licenseNumber" (needed when program is open)`,
      `${F}:26:9: licenseServers[0].keyPacks[1]: missing required key "authorizationNumber" (needed when program is open)`,
    ],
  },
  {
    name: 'an agreement pack without its number',
    text: editSpec(['        agreementNumber: { env: RDS_EA_NUMBER }\n', '']),
    lines: [`${F}:26:9: licenseServers[0].keyPacks[1]: missing required key "agreementNumber" (needed when program is enterpriseAgreement)`],
  },
  {
    name: 'an empty activation contact name',
    text: editSpec(['firstName: Ops', 'firstName: ""']),
    lines: [`${F}:15:29: licenseServers[0].activation.contact.firstName: expected a non-empty string, got ""`],
  },
  {
    name: 'a blank activation contact company',
    text: editSpec(['company: Contoso Ltd', 'company: "  "']),
    lines: [`${F}:15:59: licenseServers[0].activation.contact.company: expected a non-empty string, got "  "`],
  },
  {
    name: 'an activation contact without a company',
    text: editSpec([' company: Contoso Ltd,', '']),
    lines: [`${F}:15:16: licenseServers[0].activation.contact: missing required key "company"`],
  },
  {
    name: 'a secret reference with both keys',
    text: editSpec(['{ env: RDS_EA_NUMBER }', '{ env: RDS_EA_NUMBER, file: ./x }']),
    lines: [`${F}:28:26: licenseServers[0].keyPacks[1].agreementNumber: expected exactly one of env or file, not both`],
  },
  {
    name: 'an empty secret reference',
    text: editSpec(['{ env: RDS_EA_NUMBER }', '{}']),
    lines: [`${F}:28:26: licenseServers[0].keyPacks[1].agreementNumber: expected env or file, got an empty mapping`],
  },
  {
    name: 'an empty host list',
    text: editSpec(['hosts: [kiosk01.corp.contoso.com, kiosk02.corp.contoso.com]', 'hosts: []']),
    lines: [`${F}:40:12: sessionHostPools[1].hosts: expected at least one entry, got an empty list`],
  },
  {
    name: 'a port out of range',
    text: editSpec(['  provider: lab', '  provider: lab\n  port: 70000']),
    lines: [`${F}:5:9: connection.port: expected at most 65535, got 70000`],
  },
];

const INJECTION_CASES: readonly BadSpec[] = [
  {
    name: 'a PowerShell command after a host name',
    text: editSpec(['host: lic02.corp.contoso.com', 'host: rdsh01; Remove-Item C:\\']),
    lines: [`${F}:32:11: licenseServers[1].host: expected a DNS host name (letters, digits, hyphens and dots), got "rdsh01; Remove-Item C:\\\\"`],
  },
  {
    name: 'a subexpression in a pool host',
    text: editSpec(['[kiosk01.corp.contoso.com,', '["$(whoami)",']),
    lines: [
      `${F}:40:13: sessionHostPools[1].hosts[0]: expected a DNS host name (letters, digits, hyphens and dots) or a range such as rdsh[01:12].corp.contoso.com, got "$(whoami)"`,
    ],
  },
  {
    name: 'backticks in a licence server list',
    text: editSpec(['licenseServers: [lic02.corp.contoso.com, lic01', "licenseServers: ['lic`whoami`', lic01"]),
    lines: [`${F}:44:22: sessionHostPools[1].licenseServers[0]: expected a DNS host name (letters, digits, hyphens and dots), got "lic\`whoami\`"`],
  },
  {
    name: 'quotes and a newline in a GPO licence server',
    text: editSpec(['licenseServers: [lic01.corp.contoso.com, lic02.corp.contoso.com]\n', 'licenseServers: [lic01.corp.contoso.com, "lic02\\"\\n.x"]\n']),
    lines: [`${F}:50:46: gpos[0].licenseServers[1]: expected a DNS host name (letters, digits, hyphens and dots), got "lic02\\"\\n.x"`],
  },
  {
    name: 'a space in a GPO domain',
    text: editSpec(['domain: corp.contoso.com', 'domain: corp contoso.com']),
    lines: [`${F}:47:13: gpos[0].domain: expected a DNS host name (letters, digits, hyphens and dots), got "corp contoso.com"`],
  },
  {
    name: 'a long hostile value, cut to 60 characters',
    text: editSpec(['host: lic02.corp.contoso.com', `host: "${'a;'.repeat(50)}"`]),
    lines: [`${F}:32:11: licenseServers[1].host: expected a DNS host name (letters, digits, hyphens and dots), got "${'a;'.repeat(29)}a…"`],
  },
  {
    name: 'a bidirectional override, shown escaped',
    text: editSpec(['host: lic02.corp.contoso.com', 'host: "lic02\u202e.corp"']),
    lines: [`${F}:32:11: licenseServers[1].host: expected a DNS host name (letters, digits, hyphens and dots), got "lic02\\u202e.corp"`],
  },
];

describe('validateSpecSchema through parseSpecText', () => {
  it.each(SCHEMA_CASES)('reports $name', ({ text, lines }) => expect(collectProblems(text)).toEqual(lines));
  it.each(INJECTION_CASES)('refuses $name', ({ text, lines }) => expect(collectProblems(text)).toEqual(lines));

  it('gives hints: a did-you-mean for enums, the allowed keys, the apiVersion this rdsctl reads', () => {
    expect(collectHints(editSpec(['type: perUser', 'type: peruser']))).toEqual(['did you mean perUser?']);
    expect(collectHints(editSpec(['state: activated', 'state: activated\n      mode: auto']))).toEqual([
      'keys allowed here: state, method, contact',
    ]);
    expect(collectHints(editSpec(['apiVersion: rdsctl/v1', 'apiVersion: v1']))).toEqual(['this version of rdsctl reads specs with apiVersion: rdsctl/v1']);
  });

  it('never echoes a literal secret written where a secret reference belongs', () => {
    const secret = 'SECRET-7654321';
    const cases = [
      editSpec(['agreementNumber: { env: RDS_EA_NUMBER }', `agreementNumber: ${secret}`]),
      editSpec(['agreementNumber: { env: RDS_EA_NUMBER }', `agreementNumber: [${secret}]`]),
      editSpec(['agreementNumber: { env: RDS_EA_NUMBER }', `agreementNumber: { env: "${secret}" }`]),
      editSpec(['agreementNumber: { env: RDS_EA_NUMBER }', `agreementNumber: { ${secret} }`]),
      editSpec(['agreementNumber: { env: RDS_EA_NUMBER }', `agreementNumber: { value: ${secret} }`]),
      editSpec(['  estate: ./estate.yaml', `  estate: ./estate.yaml\n  password: ${secret}`]),
    ];
    for (const text of cases) {
      const error = catchRdsctlError(() => parseSpecText(text, F, '/work/specs'));
      expect(error.diagnostics.length).toBeGreaterThan(0);
      expect(JSON.stringify({ message: error.message, diagnostics: error.diagnostics })).not.toContain('7654321');
    }
    expect(collectProblems(cases[0] ?? '')).toEqual([
      `${F}:28:26: licenseServers[0].keyPacks[1].agreementNumber: expected a secret reference such as { env: NAME } or { file: PATH }; secrets are never written in the spec`,
    ]);
    expect(collectProblems(cases[3] ?? '')).toEqual([
      `${F}:28:28: licenseServers[0].keyPacks[1].agreementNumber: unknown key in a secret reference; expected exactly one key, env or file`,
    ]);
  });
});
