import { beforeAll, expect, it } from 'vitest';
import type { LiveState } from '../../src/model/live-state.js';
import { createLocalProvider } from './local-provider.js';
import { describeWindows } from './windows-test-gate.js';
import {
  LICENSING_OPERATIONAL,
  LICENSING_PROVIDER,
  RCM_ADMIN,
  RCM_PROVIDER,
  createDoubleDirectory,
  daysAgo,
  keyPack,
  licenseServerState,
  managementHostState,
  sessionHostState,
  winEvent,
} from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const LIC02 = 'lic02.corp.contoso.com';
const NOW = Date.now();

describeWindows('windows-read', ({ pwsh }) => {
  let state: LiveState;

  beforeAll(async () => {
    const double = await createDoubleDirectory({
      [LIC01]: licenseServerState({
        keyPacks: [
          keyPack({ id: 2, versionId: 7, productType: 1, keyPackType: 2, total: 100, issued: 120, available: 0, expires: '2038-01-19T03:14:07Z', description: 'A02-6.00.S' }),
          keyPack({ id: 3, versionId: 2, productType: 3, keyPackType: 6, total: 4294967295, issued: 7, available: 4294967295, description: 'Built-in TS Per Device Cal' }),
          keyPack({ id: 4, versionId: 7, productType: 0, keyPackType: 4, total: 4294967295, issued: 3, available: 4294967295, description: 'Temporary' }),
          keyPack({ id: 5, versionId: 9, productType: 0, keyPackType: 2, total: 50, issued: 1 }),
        ],
        extra: {
          issuedLicenses: [
            { KeyPackId: 5, LicenseId: 17, sIssuedToComputer: 'KIOSK07', sHardwareId: '1-2-3-4', LicenseStatus: 2, IssueDate: '2026-10-01T08:00:00Z', ExpirationDate: '2026-12-20T08:00:00Z' },
            { KeyPackId: 5, LicenseId: 18, sIssuedToComputer: 'KIOSK08', sIssuedToUser: 'CONTOSO\\bob', LicenseStatus: 4, IssueDate: '2026-09-01T08:00:00Z' },
          ],
          events: [
            winEvent({ id: 4105, log: 'System', provider: 'TermServLicensing', time: daysAgo(1, NOW), message: 'The Remote Desktop license server cannot update the license attributes for user "alice".' }),
            // Windows Update logs 19 in System too: not a licensing event.
            winEvent({ id: 19, log: 'System', provider: 'Microsoft-Windows-WindowsUpdateClient', time: daysAgo(1, NOW), message: 'Installation Successful' }),
            winEvent({ id: 21, log: LICENSING_OPERATIONAL, provider: LICENSING_PROVIDER, time: daysAgo(3, NOW) }),
          ],
        },
      }),
      'lic-denied.corp.contoso.com': licenseServerState({ server: { AccessDenied: true } }),
      'rdsh-gpo.corp.contoso.com': sessionHostState({
        localMode: 2, localServers: ['old.corp.contoso.com'], policyMode: 4, policyServers: `${LIC01}, ${LIC02}`,
        graceDaysLeft: 12, connectivity: { [LIC01]: 11, [LIC02]: 8 }, remoteSessions: 3,
        dns: { [LIC01]: '10.0.0.11', [LIC02]: '10.0.0.12' }, tcp: { '10.0.0.11:135': true, '10.0.0.12:135': true },
        events: [winEvent({ id: 50283, log: RCM_ADMIN, provider: RCM_PROVIDER, time: daysAgo(2, NOW), message: 'could not contact lic02' })],
      }),
      'kiosk01.corp.contoso.com': sessionHostState({ localMode: 2, localServers: [LIC02, LIC01], connectivity: { [LIC02]: 11, [LIC01]: 11 } }),
      'rdsh-broken.corp.contoso.com': sessionHostState({ extra: { failures: { 'Get-CimInstance:Win32_TerminalServiceSetting': { throw: 'Provider failure', hresult: '0x80041004' } } } }),
      'rdsh-type3.corp.contoso.com': sessionHostState({ localMode: 4, extra: { terminalServiceSetting: { TerminalServerMode: 1, GraceDaysLeft: 5, LicensingType: 3 } } }),
      'lic-garbled.corp.contoso.com': licenseServerState({ keyPacks: [keyPack({ id: 1, total: -1 })] }),
      'lic-2025.corp.contoso.com': licenseServerState({ keyPacks: [keyPack({ id: 1, versionId: 8, total: 40, productVersion: 'Windows Server 2025' })] }),
      // Remote Desktop for Administration locally (1), Azure AD per user (6) from the newer ADMX.
      'rdsh-modes.corp.contoso.com': sessionHostState({ localMode: 1, policyMode: 6 }),
      // No domain controller reachable from this session: the directory methods fail.
      // The CIM cmdlet throws a CimException (AccessDenied), as on Windows, not a COMException.
      'lic-cimdenied.corp.contoso.com': licenseServerState({ extra: { failures: { 'Get-CimInstance:Win32_TSLicenseServer': { cim: 'AccessDenied', message: 'Access denied' } } } }),
      'lic-nodc.corp.contoso.com': licenseServerState({ server: { NoDomainController: true }, keyPacks: [keyPack({ id: 1, total: 10 })] }),
      'lic-wg.corp.contoso.com': licenseServerState({
        server: { ServerRole: 0, NoDomainController: true },
        extra: { computerSystem: { PartOfDomain: false, Domain: 'WORKGROUP', Workgroup: 'WORKGROUP' } },
      }),
      'dc01.corp.contoso.com': managementHostState([
        { Name: 'RDS Licensing - Finance', Domain: 'corp.contoso.com', Values: { LicensingMode: 4, LicenseServers: `${LIC01},${LIC02}` }, Links: ['OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com'] },
      ]),
    });
    const provider = createLocalProvider(double, pwsh);
    state = await provider.read({
      hosts: [LIC01, 'lic-denied.corp.contoso.com', 'rdsh-gpo.corp.contoso.com', 'kiosk01.corp.contoso.com', 'rdsh-broken.corp.contoso.com', 'rdsh-type3.corp.contoso.com', 'lic-garbled.corp.contoso.com', 'ghost.corp.contoso.com', 'rdsh-modes.corp.contoso.com', 'lic-nodc.corp.contoso.com', 'lic-cimdenied.corp.contoso.com', 'lic-wg.corp.contoso.com', 'lic-2025.corp.contoso.com'],
      gpos: [{ name: 'RDS Licensing - Finance', domain: 'corp.contoso.com' }, { name: 'RDS Licensing - Kiosks', domain: 'corp.contoso.com' }],
      parallelism: 8,
    });
  }, 240_000);

  const host = (name: string) => state.hosts.find((h) => h.host === name);
  const error = (name: string) => state.errors.filter((e) => e.host === name);

  it('reads a licence server: activation, discovery, firewall by rule name, and every key pack as Windows reports it', () => {
    expect(host(LIC01)).toEqual({
      host: LIC01,
      os: 'windowsServer2022',
      addresses: ['10.0.0.11'],
      membership: { partOfDomain: true, domain: 'corp.contoso.com' },
      licenseServer: {
        activation: { status: 'activated', contactComplete: true },
        discovery: { scope: 'domain', publishedInAD: true, inLicenseServersGroup: true, securityGroupEnforced: false },
        service: { state: 'running' },
        firewall: {
          ruleGroup: 'partial',
          rules: [
            { name: 'TermServLicensing-In-TCP', enabled: true, effectiveEnabled: true },
            { name: 'TermServLicensing-NP-In-TCP', enabled: false, effectiveEnabled: false },
            { name: 'TermServLicensing-RPCSS-In-TCP', enabled: false, effectiveEnabled: false },
          ],
          // No Group Policy: what is in effect is the local store.
          effectiveRuleGroup: 'partial',
          activeProfiles: ['domain'],
        },
        events: [
          { id: 4105, log: 'System', time: daysAgo(1, NOW), message: 'The Remote Desktop license server cannot update the license attributes for user "alice".' },
          { id: 21, log: LICENSING_OPERATIONAL, time: daysAgo(3, NOW) },
        ],
        keyPacks: [
          // Per-user CALs over-issued: issued larger than total.
          { keyPackId: 2, productVersionId: 7, product: 'windowsServer2022', type: 'perUser', channel: 'volume', total: 100, issued: 120, available: 0, expiresAt: '2038-01-19T03:14:07Z', description: 'A02-6.00.S' },
          // Built-in and temporary packs keep their sentinel totals.
          { keyPackId: 3, productVersionId: 2, product: 'windowsServer2008', type: 'builtIn', channel: 'builtIn', total: 4294967295, issued: 7, available: 4294967295, description: 'Built-in TS Per Device Cal' },
          { keyPackId: 4, productVersionId: 7, product: 'windowsServer2022', type: 'perDevice', channel: 'temporary', total: 4294967295, issued: 3, available: 4294967295, description: 'Temporary' },
          // An unknown product version id is reported, not dropped.
          { keyPackId: 5, productVersionId: 9, type: 'perDevice', channel: 'volume', total: 50, issued: 1, available: 49 },
        ],
        // Both keys, the computer (and user, when Windows names one), the dates, the status named.
        issuedLicenses: [
          { keyPackId: 5, licenseId: 17, issuedToComputer: 'KIOSK07', issuedAt: '2026-10-01T08:00:00Z', expiresAt: '2026-12-20T08:00:00Z', status: 'active' },
          { keyPackId: 5, licenseId: 18, issuedToComputer: 'KIOSK08', issuedToUser: 'CONTOSO\\bob', issuedAt: '2026-09-01T08:00:00Z', status: 'revoked' },
        ],
      },
      sessionHost: {
        roleInstalled: false,
        licensingMode: { local: 'notConfigured', policy: null, effective: 'notConfigured', source: 'local' },
        licenseServers: { local: [], policy: null, effective: [], source: 'local' },
        graceDaysLeft: 0,
        termService: { state: 'running' },
        activeSessions: 0,
        connectivity: {},
        events: [],
      },
    });
  });

  it('reads ProductVersionID 8 as Windows Server 2025 CALs, so they count towards a 2025 key pack', () => {
    expect(host('lic-2025.corp.contoso.com')?.licenseServer?.keyPacks).toEqual([
      { keyPackId: 1, productVersionId: 8, product: 'windowsServer2025', type: 'perUser', channel: 'volume', total: 40, issued: 0, available: 40 },
    ]);
  });

  it('reports empty licence-server data for a non-administrator as access denied, never as "no key packs"', () => {
    expect(host('lic-denied.corp.contoso.com')?.licenseServer).toEqual({
      activation: { status: 'unknown' },
      discovery: { scope: 'workgroup', publishedInAD: false },
      service: { state: 'running' },
      firewall: expect.objectContaining({ ruleGroup: 'partial' }),
      keyPacks: [],
      accessDenied: true,
      events: [],
    });
  });

  it('maps a CimException by its NativeErrorCode, so access denied is reported as such', () => {
    expect(error('lic-cimdenied.corp.contoso.com')).toEqual([
      { host: 'lic-cimdenied.corp.contoso.com', code: 'ACCESS_DENIED', step: 'read-license-server', windowsCode: '0x80041003', message: 'MI_RESULT_ACCESS_DENIED' },
    ]);
  });

  it('keeps a licence server whose directory checks cannot reach a domain controller, with publication unknown and why', () => {
    const server = host('lic-nodc.corp.contoso.com')?.licenseServer;
    expect(server?.discovery).toEqual({
      scope: 'domain',
      directoryUnknown: 'the directory checks (IsLSPublished, IsLSinTSLSGroup) failed from this session: IsLSPublished failed with 0x80041001 (WBEM_E_FAILED)',
      securityGroupEnforced: false,
    });
    expect(server?.keyPacks.map((pack) => pack.total)).toEqual([10]);
  });

  it('reads a licence server outside a domain as such, with its workgroup', () => {
    const wg = host('lic-wg.corp.contoso.com');
    expect(wg?.membership).toEqual({ partOfDomain: false, workgroup: 'WORKGROUP' });
    expect(wg?.licenseServer?.discovery.scope).toBe('workgroup');
    expect(wg?.licenseServer?.issuedLicenses).toEqual([]);
  });

  it('reads the documented modes 0, 1 and 6 as what they are instead of dropping the host', () => {
    expect(host('rdsh-modes.corp.contoso.com')?.sessionHost?.licensingMode).toEqual({
      local: 'remoteDesktopForAdministration',
      policy: 'azureAdPerUser',
      effective: 'azureAdPerUser',
      source: 'policy',
    });
  });

  it('reads policy values overriding local ones, in order, with the host\u2019s own connectivity verdicts', () => {
    expect(host('rdsh-gpo.corp.contoso.com')?.sessionHost).toEqual({
      roleInstalled: true,
      licensingMode: { local: 'perDevice', policy: 'perUser', effective: 'perUser', source: 'policy' },
      licenseServers: { local: ['old.corp.contoso.com'], policy: [LIC01, LIC02], effective: [LIC01, LIC02], source: 'policy' },
      graceDaysLeft: 12,
      termService: { state: 'running' },
      activeSessions: 3,
      connectivity: {
        [LIC01]: { code: 11, status: 'LS_CONNECTABLE_VALID_LS', healthy: true },
        [LIC02]: { code: 8, status: 'LS_CONNECTABLE_BUT_ACCESS_DENIED', healthy: false },
      },
      probes: {
        [LIC01]: { resolves: true, address: '10.0.0.11', rpcPort135: true },
        [LIC02]: { resolves: true, address: '10.0.0.12', rpcPort135: true },
      },
      events: [{ id: 50283, log: RCM_ADMIN, time: daysAgo(2, NOW), message: 'could not contact lic02' }],
    });
  });

  it('keeps a local licence-server list in its failover order', () => {
    const sessionHost = host('kiosk01.corp.contoso.com')?.sessionHost;
    expect(sessionHost?.licensingMode).toEqual({ local: 'perDevice', policy: null, effective: 'perDevice', source: 'local' });
    expect(sessionHost?.licenseServers).toEqual({ local: [LIC02, LIC01], policy: null, effective: [LIC02, LIC01], source: 'local' });
  });

  it('turns a WMI call that throws into that host\u2019s structured error', () => {
    expect(error('rdsh-broken.corp.contoso.com')).toEqual([
      { host: 'rdsh-broken.corp.contoso.com', code: 'READ_FAILED', step: 'read-session-host', message: 'Provider failure', windowsCode: '0x80041004' },
    ]);
    expect(host('rdsh-broken.corp.contoso.com')).toBeUndefined();
  });

  it('decodes LicensingType as 2/4/5 and reports the class page\u2019s 3 as unexpected', () => {
    expect(error('rdsh-type3.corp.contoso.com')).toEqual([
      {
        host: 'rdsh-type3.corp.contoso.com',
        code: 'READ_FAILED',
        step: 'read-session-host',
        message: 'the effective licensing mode is 3, which is not a documented value (0, 1, 2 per device, 4 per user, 5 not configured, 6 Azure AD per user)',
      },
    ]);
  });

  it('turns output that breaks the live-state schema into that host\u2019s error', () => {
    expect(error('lic-garbled.corp.contoso.com')).toEqual([
      {
        host: 'lic-garbled.corp.contoso.com',
        code: 'INVALID_OUTPUT',
        step: 'read-host',
        message: 'the host state does not match the live-state schema: /licenseServer/keyPacks/0/total must be >= 0',
      },
    ]);
  });

  it('reports a host it cannot read as that host\u2019s error while every other host is read', () => {
    expect(error('ghost.corp.contoso.com')).toEqual([
      { host: 'ghost.corp.contoso.com', code: 'READ_FAILED', step: 'read-identity', message: 'no fixture for host ghost.corp.contoso.com' },
    ]);
    expect(state.hosts.map((h) => h.host).sort()).toEqual(['kiosk01.corp.contoso.com', 'lic-2025.corp.contoso.com', 'lic-denied.corp.contoso.com', 'lic-nodc.corp.contoso.com', 'lic-wg.corp.contoso.com', LIC01, 'rdsh-gpo.corp.contoso.com', 'rdsh-modes.corp.contoso.com']);
  });

  it('reads GPOs on the management host: values, ordered servers, links as distinguished names, and absent GPOs', () => {
    expect(state.gpos).toEqual([
      {
        name: 'RDS Licensing - Finance', domain: 'corp.contoso.com', exists: true, links: ['OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com'], licensingMode: 'perUser', licenseServers: [LIC01, LIC02],
        status: 'allSettingsEnabled', applyTrustees: [{ name: 'Authenticated Users', sid: 'S-1-5-11', type: 'group' }],
      },
      { name: 'RDS Licensing - Kiosks', domain: 'corp.contoso.com', exists: false, links: [], licensingMode: null, licenseServers: null },
    ]);
  });
});
