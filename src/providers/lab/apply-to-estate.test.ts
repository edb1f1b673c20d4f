import { readFile, stat } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeTarget } from '../../model/change.js';
import type { Operation } from '../../model/operation.js';
import type { LiveHost } from '../../model/live-state.js';
import type { ApplyResponse } from '../provider.js';
import { createLabProvider } from './create-lab-provider.js';
import type { LabEstate } from './lab-estate.js';
import { createLabFixture, readExampleEstate, secretsByName, type LabFixture } from './fixtures/lab-test-fixture.js';

const LIC01 = 'lic01.corp.contoso.com';
const FINANCE = { gpo: 'RDS Licensing - Finance', domain: 'corp.contoso.com' };
const host = (name: string): ChangeTarget => ({ kind: 'host', host: name });
const gpo = (name = FINANCE.gpo): ChangeTarget => ({ kind: 'gpo', gpo: name, domain: FINANCE.domain });
const secrets = secretsByName({ RDS_EA_NUMBER: '7654321' });
const group = { product: 'windowsServer2022', type: 'perUser', channel: 'volume' } as const;

interface Case {
  name: string;
  target: ChangeTarget;
  operation: Operation;
  prepare?: (estate: LabEstate) => void;
  detail: string;
  noopDetail: string;
  /** The host to read back afterwards, and what it must show. */
  check?: { host: string; expect: (live: LiveHost) => unknown; toEqual: unknown };
}

const CASES: Case[] = [
  {
    name: 'setServiceState TermServLicensing',
    target: host(LIC01),
    operation: { kind: 'setServiceState', service: 'TermServLicensing', state: 'stopped' },
    detail: 'stopped TermServLicensing',
    noopDetail: 'TermServLicensing already stopped',
    check: { host: LIC01, expect: (live) => live.licenseServer?.service.state, toEqual: 'stopped' },
  },
  {
    name: 'setServiceState TermService',
    target: host('kiosk01.corp.contoso.com'),
    operation: { kind: 'setServiceState', service: 'TermService', state: 'stopped' },
    detail: 'stopped TermService (3 sessions ended)',
    noopDetail: 'TermService already stopped',
    check: { host: 'kiosk01.corp.contoso.com', expect: (live) => [live.sessionHost?.termService.state, live.sessionHost?.activeSessions], toEqual: ['stopped', 0] },
  },
  {
    name: 'setFirewallRuleGroup',
    target: host('lic02.corp.contoso.com'),
    operation: { kind: 'setFirewallRuleGroup', enabled: true },
    detail: 'enabled 5 of 5 Remote Desktop Licensing Server firewall rules',
    noopDetail: 'Remote Desktop Licensing Server firewall rules already enabled',
    check: {
      host: 'lic02.corp.contoso.com',
      expect: (live) => [live.licenseServer?.firewall.ruleGroup, live.licenseServer?.firewall.rules.every((rule) => rule.enabled)],
      toEqual: ['enabled', true],
    },
  },
  {
    name: 'activateServer',
    target: host(LIC01),
    prepare: (estate) => {
      const server = estate.hosts[0]?.licenseServer;
      if (server) server.activation = { status: 'notActivated', contactComplete: false };
    },
    operation: { kind: 'activateServer', contact: { firstName: 'Ops', lastName: 'Team', company: 'Contoso Ltd', countryRegion: 'US' } },
    detail: 'activated the licence server (automatic)',
    noopDetail: 'licence server already activated',
    check: { host: LIC01, expect: (live) => live.licenseServer?.activation, toEqual: { status: 'activated', contactComplete: true } },
  },
  {
    name: 'setDiscoveryScope',
    target: host(LIC01),
    operation: { kind: 'setDiscoveryScope', scope: 'forest' },
    detail: 'set discovery scope to forest (was domain)',
    noopDetail: 'discovery scope already forest',
  },
  {
    name: 'setPublishedInAD',
    target: host(LIC01),
    operation: { kind: 'setPublishedInAD', published: false },
    detail: 'removed the licence server from Active Directory',
    noopDetail: 'already not published in Active Directory',
  },
  {
    name: 'installLicenses',
    target: host(LIC01),
    operation: {
      kind: 'installLicenses',
      group,
      program: 'enterpriseAgreement',
      targetTotal: 250,
      plannedDelta: 50,
      secrets: { agreementNumber: { env: 'RDS_EA_NUMBER' } },
    },
    detail: 'installed 50 licences (Windows Server 2022, per user)',
    noopDetail: '250 licences already installed (Windows Server 2022, per user)',
    check: {
      host: LIC01,
      expect: (live) => live.licenseServer?.keyPacks.filter((pack) => pack.type === 'perUser').map((pack) => [pack.keyPackId, pack.total, pack.available]),
      toEqual: [
        [3, 200, 57],
        [5, 50, 50],
      ],
    },
  },
  {
    name: 'removeLicenses',
    target: host(LIC01),
    operation: { kind: 'removeLicenses', group, targetTotal: 150 },
    detail: 'removed 50 licences (Windows Server 2022, per user)',
    noopDetail: '150 licences installed, no more than 150 wanted (Windows Server 2022, per user)',
    check: { host: LIC01, expect: (live) => live.licenseServer?.keyPacks.find((pack) => pack.keyPackId === 3)?.total, toEqual: 150 },
  },
  {
    name: 'setLicensingMode',
    target: host('kiosk03.corp.contoso.com'),
    operation: { kind: 'setLicensingMode', mode: 'perDevice' },
    detail: 'set licensing mode to per device (was per user)',
    noopDetail: 'licensing mode already per device',
    check: {
      host: 'kiosk03.corp.contoso.com',
      expect: (live) => live.sessionHost?.licensingMode,
      toEqual: { local: 'perDevice', policy: null, effective: 'perDevice', source: 'local' },
    },
  },
  {
    name: 'setLicenseServers',
    target: host('kiosk02.corp.contoso.com'),
    operation: { kind: 'setLicenseServers', servers: ['lic02.corp.contoso.com', LIC01] },
    detail: 'set licence servers to lic02.corp.contoso.com, lic01.corp.contoso.com (was lic-old.corp.contoso.com, lic01.corp.contoso.com)',
    noopDetail: 'licence servers already lic02.corp.contoso.com, lic01.corp.contoso.com',
    check: { host: 'kiosk02.corp.contoso.com', expect: (live) => live.sessionHost?.licenseServers.effective, toEqual: ['lic02.corp.contoso.com', LIC01] },
  },
  {
    name: 'resetGracePeriod',
    target: host('rdsh01.corp.contoso.com'),
    operation: { kind: 'resetGracePeriod' },
    detail: 'reset the grace period to 120 days (was 0)',
    noopDetail: 'grace period already at 120 days',
    check: { host: 'rdsh01.corp.contoso.com', expect: (live) => live.sessionHost?.graceDaysLeft, toEqual: 120 },
  },
  {
    name: 'setGpoLicensingMode',
    target: gpo(),
    operation: { kind: 'setGpoLicensingMode', ...FINANCE, mode: 'perDevice' },
    detail: 'set LicensingMode in GPO "RDS Licensing - Finance" to per device; 12 session hosts picked it up',
    noopDetail: 'LicensingMode in GPO "RDS Licensing - Finance" already per device',
    check: { host: 'rdsh05.corp.contoso.com', expect: (live) => live.sessionHost?.licensingMode.effective, toEqual: 'perDevice' },
  },
  {
    name: 'setGpoLicenseServers',
    target: gpo(),
    operation: { kind: 'setGpoLicenseServers', ...FINANCE, servers: [LIC01, 'lic02.corp.contoso.com'] },
    detail: 'set LicenseServers in GPO "RDS Licensing - Finance" to lic01.corp.contoso.com,lic02.corp.contoso.com; 12 session hosts picked it up',
    noopDetail: 'LicenseServers in GPO "RDS Licensing - Finance" already lic01.corp.contoso.com,lic02.corp.contoso.com',
    check: { host: 'rdsh12.corp.contoso.com', expect: (live) => live.sessionHost?.licenseServers.effective, toEqual: [LIC01, 'lic02.corp.contoso.com'] },
  },
  {
    name: 'createGpo',
    target: gpo('RDS Licensing - Kiosks'),
    operation: { kind: 'createGpo', gpo: 'RDS Licensing - Kiosks', domain: FINANCE.domain },
    detail: 'created GPO "RDS Licensing - Kiosks" in corp.contoso.com',
    noopDetail: 'GPO "RDS Licensing - Kiosks" already exists in corp.contoso.com',
  },
  {
    name: 'linkGpo',
    target: gpo(),
    operation: { kind: 'linkGpo', ...FINANCE, ou: 'OU=Kiosks,OU=RDS,DC=corp,DC=contoso,DC=com' },
    detail: 'linked GPO "RDS Licensing - Finance" to OU=Kiosks,OU=RDS,DC=corp,DC=contoso,DC=com; 3 session hosts picked it up',
    noopDetail: 'GPO "RDS Licensing - Finance" already linked to OU=Kiosks,OU=RDS,DC=corp,DC=contoso,DC=com',
    check: {
      host: 'kiosk01.corp.contoso.com',
      expect: (live) => live.sessionHost?.licenseServers,
      toEqual: { local: ['LIC02', LIC01], policy: [LIC01], effective: [LIC01], source: 'policy' },
    },
  },
];

describe('lab provider apply', () => {
  let fixture: LabFixture;
  afterEach(() => fixture?.remove());

  it.each(CASES)('$name converges, and a second run changes nothing', async (testCase) => {
    const estate = await readExampleEstate();
    testCase.prepare?.(estate);
    fixture = await createLabFixture(estate);
    const provider = createLabProvider(fixture.options);
    const request = { target: testCase.target, operations: [testCase.operation], resolveSecret: secrets };

    const first = await provider.apply(request);
    expect(first).toEqual<ApplyResponse>({ ok: true, results: [{ kind: testCase.operation.kind, status: 'done', detail: testCase.detail }] });
    const afterFirst = await readFile(fixture.paths.live, 'utf8');
    const inode = (await stat(fixture.paths.live)).ino;

    const second = await provider.apply(request);
    expect(second).toEqual<ApplyResponse>({ ok: true, results: [{ kind: testCase.operation.kind, status: 'noop', detail: testCase.noopDetail }] });
    expect(await readFile(fixture.paths.live, 'utf8')).toBe(afterFirst);
    expect((await stat(fixture.paths.live)).ino).toBe(inode);

    // A fresh provider (a new rdsctl run) sees the change in the file, and also finds nothing to do.
    const again = createLabProvider(fixture.options);
    expect((await again.apply(request)).results[0]?.status).toBe('noop');
    if (testCase.check) {
      const state = await again.read({ hosts: [testCase.check.host], gpos: [], parallelism: 1 });
      const live = state.hosts[0];
      expect(live && testCase.check.expect(live)).toEqual(testCase.check.toEqual);
    }
  });

  it('restarts TermService every time it is asked: a restart is an action, not a state', async () => {
    fixture = await createLabFixture();
    const provider = createLabProvider(fixture.options);
    const request = { target: host('kiosk01.corp.contoso.com'), operations: [{ kind: 'restartService', service: 'TermService' } as const], resolveSecret: secrets };
    expect((await provider.apply(request)).results).toEqual([{ kind: 'restartService', status: 'done', detail: 'restarted TermService (3 sessions ended)' }]);
    expect((await provider.apply(request)).results).toEqual([{ kind: 'restartService', status: 'done', detail: 'restarted TermService' }]);
  });

  it('carries out a change\'s operations in order and reports each', async () => {
    fixture = await createLabFixture();
    const response = await createLabProvider(fixture.options).apply({
      target: host('LIC02.corp.contoso.com'),
      operations: [
        { kind: 'setFirewallRuleGroup', enabled: true },
        { kind: 'setServiceState', service: 'TermServLicensing', state: 'running' },
        { kind: 'installLicenses', group: { ...group, type: 'perDevice' }, program: 'enterpriseAgreement', targetTotal: 25, plannedDelta: 25, secrets: { agreementNumber: { env: 'RDS_EA_NUMBER' } } },
      ],
      resolveSecret: secrets,
    });
    expect(response).toEqual({
      ok: true,
      results: [
        { kind: 'setFirewallRuleGroup', status: 'done', detail: 'enabled 5 of 5 Remote Desktop Licensing Server firewall rules' },
        { kind: 'setServiceState', status: 'noop', detail: 'TermServLicensing already running' },
        { kind: 'installLicenses', status: 'done', detail: 'installed 25 licences (Windows Server 2022, per device)' },
      ],
    });
  });
});
