import { describe, expect, it } from 'vitest';
import type { Spec } from '../model/spec.js';
import { BASE_SPEC, editSpec } from './fixtures/base-spec.js';
import { collectHints, collectProblems } from './fixtures/collect-problems.js';
import { parseSpecText } from './load-spec.js';
import { validateReferences } from './validate-references.js';

const F = 'specs/rds.yaml';
const KIOSK_HOSTS = '[kiosk01.corp.contoso.com, kiosk02.corp.contoso.com]';
const KIOSK_SERVERS = 'licenseServers: [lic02.corp.contoso.com, lic01.corp.contoso.com]';
const GPO_MODE = '    licensingMode: perUser\n    licenseServers: [lic01';

interface BadSpec {
  readonly name: string;
  readonly text: string;
  readonly lines: readonly string[];
}

const CASES: readonly BadSpec[] = [
  {
    name: 'a host in two pools, compared ignoring case and a trailing dot',
    text: editSpec([KIOSK_HOSTS, '[RDSH03.corp.contoso.com., kiosk02.corp.contoso.com]']),
    lines: [`${F}:40:13: sessionHostPools[1].hosts[0]: host "RDSH03.corp.contoso.com." is already in pool "finance" (sessionHostPools[0].hosts[0])`],
  },
  {
    name: 'overlapping ranges, reported once per pair of entries',
    text: editSpec([KIOSK_HOSTS, '["rdsh[08:20].corp.contoso.com", rdsh20.corp.contoso.com]']),
    lines: [
      `${F}:40:13: sessionHostPools[1].hosts[0]: 5 hosts are already in pool "finance" (sessionHostPools[0].hosts[0]): rdsh08.corp.contoso.com, rdsh09.corp.contoso.com, rdsh10.corp.contoso.com and 2 more`,
      `${F}:40:45: sessionHostPools[1].hosts[1]: host "rdsh20.corp.contoso.com" is already listed in this pool at sessionHostPools[1].hosts[0]`,
    ],
  },
  {
    name: 'a range in another case and with a trailing dot that overlaps a range',
    text: editSpec([KIOSK_HOSTS, '["RDSH[11:14].Corp.Contoso.com."]']),
    lines: [`${F}:40:13: sessionHostPools[1].hosts[0]: 2 hosts are already in pool "finance" (sessionHostPools[0].hosts[0]): RDSH11.Corp.Contoso.com., RDSH12.Corp.Contoso.com.`],
  },
  {
    name: 'a name in one pool that a range of another pool also names',
    text: editSpec([KIOSK_HOSTS, '[kiosk01.corp.contoso.com, rdsh07.corp.contoso.com]']),
    lines: [`${F}:40:39: sessionHostPools[1].hosts[1]: host "rdsh07.corp.contoso.com" is already in pool "finance" (sessionHostPools[0].hosts[0])`],
  },
  {
    name: 'two ranges in one entry that name a host twice',
    text: editSpec([KIOSK_HOSTS, '["kiosk[1:11][1:11].corp.contoso.com"]']),
    lines: [
      `${F}:40:13: sessionHostPools[1].hosts[0]: host "kiosk111.corp.contoso.com" is already listed in this pool at sessionHostPools[1].hosts[0]`,
    ],
  },
  {
    name: 'a range whose names outgrow a DNS label part way',
    text: editSpec([KIOSK_HOSTS, `["[8:1000]${'k'.repeat(61)}.corp.contoso.com"]`]),
    lines: [
      `${F}:40:13: sessionHostPools[1].hosts[0]: "[8:1000]${'k'.repeat(51)}…" expands to "100${'k'.repeat(56)}…", which is not a DNS host name (labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen)`,
    ],
  },
  {
    name: 'a range that counts down',
    text: editSpec(['rdsh[01:12]', 'rdsh[12:01]']),
    lines: [`${F}:36:13: sessionHostPools[0].hosts[0]: "rdsh[12:01].corp.contoso.com": range [12:01] counts down; write it as [01:12]`],
  },
  {
    name: 'a range that expands too far',
    text: editSpec(['rdsh[01:12]', 'rdsh[0:999]-[0:999]']),
    lines: [
      `${F}:35:3: sessionHostPools: the session host pools expand to 1,000,002 hosts, more than the limit of 100,000 per spec`,
    ],
  },
  {
    name: 'a range that expands to invalid names',
    text: editSpec(['rdsh[01:12]', '-[01:12]']),
    lines: [
      `${F}:36:13: sessionHostPools[0].hosts[0]: "-[01:12].corp.contoso.com" expands to "-01.corp.contoso.com", which is not a DNS host name (labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen)`,
    ],
  },
  {
    name: 'a licence server declared twice',
    text: editSpec(['host: lic02.corp.contoso.com', 'host: LIC01.corp.contoso.com'], ['gpos:', 'externalLicenseServers: [lic02.corp.contoso.com]\ngpos:']),
    lines: [`${F}:32:11: licenseServers[1].host: licence server "LIC01.corp.contoso.com" is declared twice (first at licenseServers[0].host)`],
  },
  {
    name: 'two pools with one name',
    text: editSpec(['name: kiosks', 'name: Finance']),
    lines: [`${F}:39:11: sessionHostPools[1].name: pool "Finance" is declared twice (first at sessionHostPools[0].name)`],
  },
  {
    name: 'two GPOs with one name',
    text: `${BASE_SPEC}  - name: "rds licensing - finance"\n    domain: corp.contoso.com\n`,
    lines: [`${F}:51:11: gpos[1].name: GPO "rds licensing - finance" is declared twice (first at gpos[0].name)`],
  },
  {
    name: 'two key packs with one name on a server',
    text: editSpec(['name: ea-2022-device', 'name: EA-2022-user']),
    lines: [`${F}:26:15: licenseServers[0].keyPacks[1].name: key pack "EA-2022-user" is declared twice on lic01.corp.contoso.com (first at licenseServers[0].keyPacks[0].name)`],
  },
  {
    name: 'a pool naming an undeclared licence server',
    text: editSpec([KIOSK_SERVERS, 'licenseServers: [lic03.corp.contoso.com, lic01.corp.contoso.com]']),
    lines: [
      `${F}:44:22: sessionHostPools[1].licenseServers[0]: licence server "lic03.corp.contoso.com" used by pool "kiosks" is not declared (did you mean "lic01.corp.contoso.com"?)`,
    ],
  },
  {
    name: 'a GPO naming an undeclared licence server',
    text: editSpec(['licenseServers: [lic01.corp.contoso.com, lic02.corp.contoso.com]', 'licenseServers: [lic01.corp.contoso.com, ls.fabrikam.com]']),
    lines: [`${F}:50:46: gpos[0].licenseServers[1]: licence server "ls.fabrikam.com" used by GPO "RDS Licensing - Finance" is not declared`],
  },
  {
    name: 'a managed licence server also listed as external',
    text: editSpec(['gpos:', 'externalLicenseServers: [ls.fabrikam.com, lic02.corp.contoso.com]\ngpos:']),
    lines: [
      `${F}:45:43: externalLicenseServers[1]: licence server "lic02.corp.contoso.com" is listed as external but is also managed (licenseServers[1].host)`,
    ],
  },
  {
    name: 'a licence server listed twice in one list',
    text: editSpec([KIOSK_SERVERS, 'licenseServers: [lic02.corp.contoso.com, lic01.corp.contoso.com, LIC02.corp.contoso.com.]']),
    lines: [
      `${F}:44:70: sessionHostPools[1].licenseServers[2]: licence server "LIC02.corp.contoso.com." is listed twice in pool "kiosks" (first at position 1)`,
    ],
  },
  {
    name: 'a pool configured by an undeclared GPO',
    text: editSpec(['{ gpo: "RDS Licensing - Finance" }', '{ gpo: "RDS Licensing - Finanse" }']),
    lines: [
      `${F}:38:26: sessionHostPools[0].configuredBy.gpo: GPO "RDS Licensing - Finanse" is not declared under gpos (did you mean "RDS Licensing - Finance"?)`,
    ],
  },
  {
    name: 'a GPO pool that sets its own licensing',
    text: editSpec(['{ gpo: "RDS Licensing - Finance" }', '{ gpo: "RDS Licensing - Finance" }\n    licensingMode: perUser\n    licenseServers: [lic01.corp.contoso.com]']),
    lines: [
      `${F}:39:20: sessionHostPools[0].licensingMode: licensingMode is set by GPO "RDS Licensing - Finance"; remove it from the pool or configure the pool locally`,
      `${F}:40:21: sessionHostPools[0].licenseServers: licenseServers is set by GPO "RDS Licensing - Finance"; remove it from the pool or configure the pool locally`,
    ],
  },
  {
    name: 'a GPO that configures a pool but sets no licensing mode',
    text: editSpec([GPO_MODE, '    licenseServers: [lic01']),
    lines: [
      `${F}:46:5: gpos[0]: GPO "RDS Licensing - Finance" configures pool "finance" but sets no licensingMode; the pool's hosts would get none`,
    ],
  },
  {
    name: 'per-user licensing in a workgroup',
    text: editSpec(['licensingMode: perDevice', 'licensingMode: perUser\n    workgroup: true']),
    lines: [`${F}:43:20: sessionHostPools[1].licensingMode: per-user CALs cannot be tracked in a workgroup; use perDevice`],
  },
  {
    name: 'a workgroup pool configured by a GPO',
    text: editSpec(['{ gpo: "RDS Licensing - Finance" }', '{ gpo: "RDS Licensing - Finance" }\n    workgroup: true']),
    lines: [
      `${F}:39:16: sessionHostPools[0].workgroup: workgroup hosts are not domain members, so GPO "RDS Licensing - Finance" cannot configure them; use configuredBy: local`,
    ],
  },
  {
    name: 'a local pool whose mode has no matching key pack',
    text: editSpec(['type: perDevice', 'type: perUser']),
    lines: [
      `${F}:43:20: sessionHostPools[1].licensingMode: licensing mode perDevice has no perDevice key pack on its licence servers (lic02.corp.contoso.com, lic01.corp.contoso.com); hosts would get no CALs`,
    ],
  },
  {
    name: 'a GPO whose mode has no matching key pack',
    text: editSpec(['type: perUser', 'type: perDevice']),
    lines: [
      `${F}:49:20: gpos[0].licensingMode: licensing mode perUser has no perUser key pack on its licence servers (lic01.corp.contoso.com, lic02.corp.contoso.com); hosts would get no CALs`,
    ],
  },
  {
    name: 'session hosts newer than their CALs',
    text: editSpec(['    os: windowsServer2022\n    configuredBy: local', '    os: windowsServer2025\n    configuredBy: local']),
    lines: [
      `${F}:41:9: sessionHostPools[1].os: pool "kiosks" runs windowsServer2025, but no perDevice key pack on its licence servers is for windowsServer2025 or newer (newest: windowsServer2022)`,
    ],
  },
  {
    name: 'GPO-configured session hosts newer than their CALs',
    text: editSpec(['    os: windowsServer2022\n    configuredBy: {', '    os: windowsServer2025\n    configuredBy: {']),
    lines: [
      `${F}:37:9: sessionHostPools[0].os: pool "finance" runs windowsServer2025, but no perUser key pack on its licence servers is for windowsServer2025 or newer (newest: windowsServer2022)`,
    ],
  },
  {
    name: 'a key pack newer than its licence server',
    text: editSpec(['        product: windowsServer2022\n        type: perUser', '        product: windowsServer2025\n        type: perUser']),
    lines: [
      `${F}:23:18: licenseServers[0].keyPacks[0].product: key pack "ea-2022-user" holds windowsServer2025 CALs, newer than its licence server (windowsServer2022)`,
    ],
  },
  {
    name: 'connection addresses that are not host names or IP addresses',
    text: editSpec(['  estate: ./estate.yaml', '  estate: ./estate.yaml\n  addresses:\n    lic01.corp.contoso.com: 192.0.2.10\n    "bad name": "2001:db8::1"\n    kiosk01: 999.1.1.1']),
    lines: [
      `${F}:8:17: connection.addresses["bad name"]: expected a DNS host name (letters, digits, hyphens and dots) as the key, got "bad name"`,
      `${F}:9:14: connection.addresses.kiosk01: expected an IPv4 or IPv6 address, got "999.1.1.1"`,
    ],
  },
  {
    name: 'retired devices that count down, match every device, or repeat',
    text: editSpec(['sessionHostPools:', 'reclaim:\n  retiredDevices: ["kiosk[12:01]", "*", thin-old-*, THIN-OLD-*]\nsessionHostPools:']),
    lines: [
      `${F}:35:20: reclaim.retiredDevices[0]: retired device "kiosk[12:01]": range [12:01] counts down`,
      `${F}:35:36: reclaim.retiredDevices[1]: retired device "*": matches every device`,
      `${F}:35:53: reclaim.retiredDevices[3]: retired device "THIN-OLD-*" is listed twice (first at position 3)`,
    ],
  },
];

describe('validateReferences through parseSpecText', () => {
  it.each(CASES)('reports $name', ({ text, lines }) => expect(collectProblems(text)).toEqual(lines));

  it('suggests both ways to declare an unknown licence server', () => {
    expect(collectHints(editSpec([KIOSK_SERVERS, 'licenseServers: [ls.fabrikam.com]']))).toEqual([
      'declare it under licenseServers for rdsctl to manage it, or list it under externalLicenseServers if it is managed elsewhere',
    ]);
  });

  it('accepts pools whose servers are all external, without checking their CALs', () => {
    const text = editSpec(
      [KIOSK_SERVERS, 'licenseServers: [ls.fabrikam.com]'],
      ['licensingMode: perDevice', 'licensingMode: perUser'],
      ['gpos:', 'externalLicenseServers: [ls.fabrikam.com]\ngpos:'],
      ['    os: windowsServer2022\n    configuredBy: local', '    os: windowsServer2025\n    configuredBy: local'],
    );
    expect(collectProblems(text)).toEqual([]);
  });

  it('reports every reference problem at once, in line order', () => {
    const text = editSpec(
      ['name: kiosks', 'name: finance'],
      ['name: ea-2022-device', 'name: ea-2022-user'],
      [KIOSK_HOSTS, '[rdsh01.corp.contoso.com]'],
    );
    expect(collectProblems(text)).toEqual([
      `${F}:26:15: licenseServers[0].keyPacks[1].name: key pack "ea-2022-user" is declared twice on lic01.corp.contoso.com (first at licenseServers[0].keyPacks[0].name)`,
      `${F}:39:11: sessionHostPools[1].name: pool "finance" is declared twice (first at sessionHostPools[0].name)`,
      `${F}:40:13: sessionHostPools[1].hosts[0]: host "rdsh01.corp.contoso.com" is already in pool "finance" (sessionHostPools[0].hosts[0])`,
    ]);
  });
});

describe('validateReferences', () => {
  const locate = (): { file: string; line: number; column: number } => ({ file: 'x.yaml', line: 1, column: 1 });

  it('finds nothing wrong in the base spec', () => {
    const { spec } = parseSpecText(BASE_SPEC, F, '/work/specs');
    expect(validateReferences({ spec, locate })).toEqual([]);
  });

  it('returns located SPEC_REFERENCE errors for a spec built in code', () => {
    const spec: Spec = {
      apiVersion: 'rdsctl/v1',
      deployment: 'built',
      connection: { provider: 'windows', transport: 'winrm', lockHost: 'ls.x' },
      sessionHostPools: [{ name: 'p', hosts: ['h1.x'], configuredBy: 'local', licensingMode: 'perDevice', licenseServers: ['ls.x'] }],
    };
    expect(validateReferences({ spec, locate })).toEqual([
      {
        severity: 'error',
        code: 'SPEC_REFERENCE',
        summary: 'licence server "ls.x" used by pool "p" is not declared',
        hint: 'declare it under licenseServers for rdsctl to manage it, or list it under externalLicenseServers if it is managed elsewhere',
        source: { file: 'x.yaml', line: 1, column: 1 },
      },
    ]);
  });
});
