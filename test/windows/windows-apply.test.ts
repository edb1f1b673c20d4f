import { beforeAll, expect, it } from 'vitest';
import type { Operation, SecretResolver } from '../../src/model/operation.js';
import type { Provider } from '../../src/providers/provider.js';
import { createLocalProvider } from './local-provider.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, keyPack, licenseServerState, managementHostState, sessionHostState, type DoubleDirectory } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const LIC02 = 'lic02.corp.contoso.com';
const AGREEMENT = '1234567';
const RETAIL = 'ABCDEFGHJKMNPQRSTVWXYZ234';
const resolveSecret: SecretResolver = async (ref) => (ref.env === 'RDS_RETAIL' ? RETAIL : AGREEMENT);

const installUser2022: Operation = {
  kind: 'installLicenses',
  group: { product: 'windowsServer2022', type: 'perUser', channel: 'volume' },
  program: 'enterpriseAgreement',
  targetTotal: 250,
  plannedDelta: 150,
  secrets: { agreementNumber: { env: 'RDS_EA_NUMBER' } },
};

describeWindows('windows-apply', ({ pwsh }) => {
  let double: DoubleDirectory;
  let provider: Provider;
  const applyTo = (host: string, operations: Operation[]) => provider.apply({ target: { kind: 'host', host }, operations, resolveSecret });

  beforeAll(async () => {
    double = await createDoubleDirectory({
      'kiosk01.corp.contoso.com': sessionHostState({ localMode: 2, localServers: [LIC01] }),
      'rdsh-gpo.corp.contoso.com': sessionHostState({ localMode: 2, policyMode: 4, policyServers: LIC01 }),
      'rdsh-racing.corp.contoso.com': sessionHostState({ localMode: 2, extra: { failures: { 'Win32_TerminalServiceSetting.ChangeMode': { returnValue: 2147749910 } } } }),
      [LIC01]: licenseServerState({ keyPacks: [keyPack({ id: 1, total: 100, issued: 20 })] }),
      [LIC02]: licenseServerState({
        services: { TermServLicensing: 'Stopped' },
        server: { FirstName: '', LastName: '', Company: '', CountryRegion: '', ActivationStatus: 1, ServerRole: 0, Published: false, InTslsGroup: false },
        extra: { retailCodes: { [RETAIL]: { count: 20, productVersionId: 7, productType: 0 } } },
      }),
      'lic-noisy.corp.contoso.com': licenseServerState({
        extra: { failures: { 'Win32_TSLicenseKeyPack.InstallAgreementLicenseKeyPack': { throw: `agreement ${AGREEMENT} was rejected by the clearinghouse` } } },
      }),
      'lic-bare.corp.contoso.com': licenseServerState({ firewallRules: [] }),
      // Two packs of one group: 80 of 100 and 0 of 50 licences issued.
      'lic-issued.corp.contoso.com': licenseServerState({ keyPacks: [keyPack({ id: 1, total: 100, issued: 80 }), keyPack({ id: 2, total: 50 })] }),
      // Windows files the install under ProductVersionID 8, not the 7 the group counts.
      'lic-misfiled.corp.contoso.com': licenseServerState({ keyPacks: [keyPack({ id: 1, total: 100 })], extra: { installFiling: { productVersionId: 8 } } }),
      'dc01.corp.contoso.com': managementHostState([
        { Name: 'RDS Licensing - Finance', Domain: 'corp.contoso.com', Values: { LicensingMode: 4 }, Links: ['OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com'], DisabledLinks: ['OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com'] },
      ]),
    });
    provider = createLocalProvider(double, pwsh);
  }, 180_000);

  it('sets a local mode and an ordered server list, then changes nothing on the second run', async () => {
    const operations: Operation[] = [
      { kind: 'setLicensingMode', mode: 'perUser' },
      { kind: 'setLicenseServers', servers: [LIC02, LIC01] },
    ];
    expect(await applyTo('kiosk01.corp.contoso.com', operations)).toEqual({
      ok: true,
      results: [
        { kind: 'setLicensingMode', status: 'done', detail: 'licensing mode perDevice -> perUser' },
        { kind: 'setLicenseServers', status: 'done', detail: `licence servers [${LIC01}] -> [${LIC02}, ${LIC01}]` },
      ],
    });
    const again = await applyTo('kiosk01.corp.contoso.com', operations);
    expect(again.results.map((r) => r.status)).toEqual(['noop', 'noop']);
    expect(await double.journal('kiosk01.corp.contoso.com')).toEqual([
      { command: 'Invoke-CimMethod', class: 'Win32_TerminalServiceSetting', method: 'ChangeMode', arguments: { LicensingType: 4 } },
      { command: 'Invoke-CimMethod', class: 'Win32_TerminalServiceSetting', method: 'SetSpecifiedLicenseServerList', arguments: { SpecifiedLSList: [LIC02, LIC01] } },
    ]);
  }, 180_000);

  it('never deletes the grace-period value, whose key denies administrators: the reset is a manual step', async () => {
    const host = 'kiosk01.corp.contoso.com';
    const response = await applyTo(host, [{ kind: 'resetGracePeriod' }]);
    expect(response.error).toEqual({
      code: 'MANUAL_STEP',
      step: 'reset-grace-period',
      message: 'resetting the grace period is a manual step on Windows: the GracePeriod key is owned by SYSTEM and denies administrators until ownership is taken; follow the steps rdsctl plan shows (docs/windows.md, "Grace-period reset")',
    });
    expect((await double.journal(host)).filter((entry) => entry.method === 'DeleteValue')).toEqual([]);
  }, 120_000);

  it('refuses a local write to a policy-controlled setting with 0x80041016, pointing at the GPO', async () => {
    const [controlled, racing] = await Promise.all([
      applyTo('rdsh-gpo.corp.contoso.com', [{ kind: 'setLicensingMode', mode: 'perDevice' }]),
      applyTo('rdsh-racing.corp.contoso.com', [{ kind: 'setLicensingMode', mode: 'perUser' }]),
    ]);
    const error = {
      code: 'POLICY_CONTROLLED',
      step: 'set-licensing-mode',
      windowsCode: '0x80041016',
      message: 'the licensing mode of this host is set by Group Policy (0x80041016, WBEM_E_INVALID_OPERATION); change it in the GPO that configures the host, not on the host',
    };
    expect(controlled).toEqual({ ok: false, results: [{ kind: 'setLicensingMode', status: 'failed', detail: error.message }], error });
    expect(racing.error).toEqual(error);
    expect(await double.journal('rdsh-gpo.corp.contoso.com')).toEqual([]);
    expect(await double.journal('rdsh-racing.corp.contoso.com')).toEqual([
      { command: 'Invoke-CimMethod', class: 'Win32_TerminalServiceSetting', method: 'ChangeMode', arguments: { LicensingType: 4 }, refused: 2147749910 },
    ]);
  }, 180_000);

  it('installs only the missing delta from live counts, and a re-run installs nothing', async () => {
    const first = await applyTo(LIC01, [{ kind: 'setFirewallRuleGroup', enabled: true }, installUser2022]);
    expect(first).toEqual({
      ok: true,
      results: [
        { kind: 'setFirewallRuleGroup', status: 'done', detail: 'enabled TermServLicensing-NP-In-TCP, TermServLicensing-RPCSS-In-TCP' },
        { kind: 'installLicenses', status: 'done', detail: 'installed 150 licences (total 100 -> 250)' },
      ],
    });
    const second = await applyTo(LIC01, [{ kind: 'setFirewallRuleGroup', enabled: true }, { ...installUser2022, plannedDelta: 150 }]);
    expect(second.results).toEqual([
      { kind: 'setFirewallRuleGroup', status: 'noop', detail: 'all 3 RD Licensing rules are already enabled in effect' },
      { kind: 'installLicenses', status: 'noop', detail: '250 licences installed, target 250: nothing to install' },
    ]);
    expect(await double.journal(LIC01)).toEqual([
      { command: 'Enable-NetFirewallRule', name: ['TermServLicensing-NP-In-TCP', 'TermServLicensing-RPCSS-In-TCP'] },
      {
        command: 'Invoke-CimMethod',
        class: 'Win32_TSLicenseKeyPack',
        method: 'InstallAgreementLicenseKeyPack',
        arguments: { AgreementType: 1, LicenseCount: 150, ProductType: 1, ProductVersion: 7, sAgreementNumber: AGREEMENT },
      },
    ]);
  }, 180_000);

  it('records an install Windows files under another version as unexplained, and never installs again', async () => {
    const host = 'lic-misfiled.corp.contoso.com';
    const first = await applyTo(host, [installUser2022]);
    const id = /Recorded as ([0-9a-f-]{36}) in the install ledger/.exec(first.error?.message ?? '')?.[1];
    expect(id).toBeDefined();
    const reason = 'asked for ProductVersionID 7 perUser volume; Windows filed 150 as ProductVersionID 8 perUser volume (key pack 2)';
    expect(first.error).toEqual({
      code: 'INSTALL_UNEXPLAINED',
      step: 'install-licenses',
      message: `InstallAgreementLicenseKeyPack: ${reason}. Recorded as ${id} in the install ledger; rdsctl installs nothing more on this server until it is acknowledged`,
    });
    const second = await applyTo(host, [installUser2022]);
    expect(second.error?.code).toBe('INSTALL_BLOCKED');
    expect(second.error?.message).toMatch(/^not installing: the install ledger on this server holds 1 unexplained install\(s\); the first, [0-9a-f-]{36} at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ: asked for ProductVersionID 7/);
    const installs = (await double.journal(host)).filter((entry) => entry.method === 'InstallAgreementLicenseKeyPack');
    expect(installs).toHaveLength(1);
    const state = await provider.read({ hosts: [host], gpos: [], parallelism: 1 });
    expect(state.hosts[0]?.licenseServer?.installLedger).toEqual({
      unexplained: [
        {
          id,
          at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          reason,
          group: { product: 'windowsServer2022', type: 'perUser', channel: 'volume' },
          method: 'InstallAgreementLicenseKeyPack',
          filedAs: [{ keyPackId: 2, productVersionId: 8, type: 'perUser', channel: 'volume', added: 150 }],
        },
      ],
    });
  }, 180_000);

  it('refuses agreement installs of Windows Server 2008 R2 CALs, which the install methods cannot tell from 2008, installing nothing', async () => {
    const install2008R2: Operation = { ...installUser2022, group: { product: 'windowsServer2008R2', type: 'perUser', channel: 'volume' }, targetTotal: 10, plannedDelta: 10 };
    const response = await applyTo(LIC02, [install2008R2]);
    expect(response.error).toEqual({
      code: 'UNSUPPORTED',
      step: 'install-licenses',
      message: 'the install methods take one ProductVersion (2) for Windows Server 2008 and 2008 R2 alike, so rdsctl cannot ask for windowsServer2008R2 licences; install them with RD Licensing Manager',
    });
    expect((await double.journal(LIC02)).filter((entry) => entry.method === 'InstallAgreementLicenseKeyPack')).toEqual([]);
  }, 120_000);

  it('removes only unissued licences, verifies the total, and refuses to touch issued ones', async () => {
    const host = 'lic-issued.corp.contoso.com';
    const group = { product: 'windowsServer2022', type: 'perUser', channel: 'volume' } as const;
    const response = await applyTo(host, [{ kind: 'removeLicenses', group, targetTotal: 60 }]);
    const message = 'removed 70 unissued licences (total 150 -> 80); reaching 60 would remove 20 issued licences, which rdsctl never does: revoke or let them expire first';
    expect(response).toEqual({
      ok: false,
      results: [{ kind: 'removeLicenses', status: 'failed', detail: message }],
      error: { code: 'ISSUED_LICENSES', step: 'remove-licenses', message },
    });
    expect(await double.journal(host)).toEqual([
      { command: 'Invoke-CimMethod', class: 'Win32_TSLicenseKeyPack', method: 'RemoveLicensesWithIdCount', arguments: { KeyPackId: 2, LicenseCount: 50 } },
      { command: 'Invoke-CimMethod', class: 'Win32_TSLicenseKeyPack', method: 'RemoveLicensesWithIdCount', arguments: { KeyPackId: 1, LicenseCount: 20 } },
    ]);
    expect(await applyTo(host, [{ kind: 'removeLicenses', group, targetTotal: 80 }])).toEqual({
      ok: true,
      results: [{ kind: 'removeLicenses', status: 'noop', detail: '80 licences installed, target 80: nothing to remove' }],
    });
  }, 180_000);

  it('starts the service, activates with the contact, sets discovery and installs, in order', async () => {
    const response = await applyTo(LIC02, [
      { kind: 'setServiceState', service: 'TermServLicensing', state: 'running' },
      { kind: 'activateServer', contact: { firstName: 'Ops', lastName: 'Team', company: 'Contoso Ltd', countryRegion: 'US' } },
      { kind: 'setDiscoveryScope', scope: 'domain' },
      {
        kind: 'installLicenses',
        group: { product: 'windowsServer2022', type: 'perDevice', channel: 'retail' },
        program: 'retail',
        targetTotal: 20,
        plannedDelta: 20,
        secrets: { retailKey: { env: 'RDS_RETAIL' } },
      },
    ]);
    expect(response.results).toEqual([
      { kind: 'setServiceState', status: 'done', detail: 'TermServLicensing is now running' },
      { kind: 'activateServer', status: 'done', detail: 'activated automatically' },
      { kind: 'setDiscoveryScope', status: 'done', detail: 'discovery scope workgroup -> domain; Terminal Server License Servers membership is a manual step (no connection.directoryCredential)' },
      { kind: 'installLicenses', status: 'done', detail: 'installed 20 licences (total 0 -> 20)' },
    ]);
    expect(await double.journal(LIC02)).toEqual([
      { command: 'Start-Service', name: 'TermServLicensing' },
      { command: 'Set-CimInstance', class: 'Win32_TSLicenseServer', properties: { Company: 'Contoso Ltd', CountryRegion: 'United States', FirstName: 'Ops', LastName: 'Team' } },
      { command: 'Invoke-CimMethod', class: 'Win32_TSLicenseServer', method: 'ActivateServerAutomatic', arguments: {} },
      { command: 'Invoke-CimMethod', class: 'Win32_TSLicenseServer', method: 'ChangeRole', arguments: { ServerRole: 1 } },
      { command: 'Invoke-CimMethod', class: 'Win32_TSLicenseKeyPack', method: 'InstallRetailPurchaseLicenseKeyPack', arguments: { sLicenseCode: RETAIL } },
    ]);
  }, 180_000);

  it('keeps secrets out of failures and stops at the first failed operation', async () => {
    const [noisy, bare] = await Promise.all([
      applyTo('lic-noisy.corp.contoso.com', [installUser2022]),
      applyTo('lic-bare.corp.contoso.com', [{ kind: 'setFirewallRuleGroup', enabled: true }, { kind: 'setServiceState', service: 'TermServLicensing', state: 'stopped' }]),
    ]);
    expect(noisy.error).toEqual({ code: 'WINDOWS_ERROR', step: 'install-licenses', message: 'InstallAgreementLicenseKeyPack failed: agreement *** was rejected by the clearinghouse' });
    expect(JSON.stringify(noisy)).not.toContain(AGREEMENT);
    expect(bare).toEqual({
      ok: false,
      results: [{ kind: 'setFirewallRuleGroup', status: 'failed', detail: 'no firewall rules named TermServLicensing-* exist on this host; is the RD Licensing role installed?' }],
      error: { code: 'NOT_FOUND', step: 'set-firewall', message: 'no firewall rules named TermServLicensing-* exist on this host; is the RD Licensing role installed?' },
    });
    expect(await double.journal('lic-bare.corp.contoso.com')).toEqual([]);
  }, 180_000);

  it('creates, sets and links a GPO on the management host', async () => {
    const gpo = 'RDS Licensing - Kiosks';
    const domain = 'corp.contoso.com';
    const ou = 'OU=Kiosks,OU=RDS,DC=corp,DC=contoso,DC=com';
    const response = await provider.apply({
      target: { kind: 'gpo', gpo, domain },
      operations: [
        { kind: 'createGpo', gpo, domain },
        { kind: 'setGpoLicensingMode', gpo, domain, mode: 'perDevice' },
        { kind: 'setGpoLicenseServers', gpo, domain, servers: [LIC02, LIC01] },
        { kind: 'linkGpo', gpo, domain, ou },
      ],
      resolveSecret,
    });
    expect(response.results.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']);
    const key = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';
    expect(await double.journal('dc01.corp.contoso.com')).toEqual([
      { command: 'New-GPO', name: gpo, domain },
      { command: 'Set-GPRegistryValue', name: gpo, domain, key, valueName: 'LicensingMode', type: 'DWord', value: 2 },
      { command: 'Set-GPRegistryValue', name: gpo, domain, key, valueName: 'LicenseServers', type: 'String', value: `${LIC02},${LIC01}` },
      { command: 'New-GPLink', name: gpo, domain, target: ou, linkEnabled: 'Yes' },
    ]);
    const state = await provider.read({ hosts: [], gpos: [{ name: gpo, domain }], parallelism: 2 });
    // A new GPO applies to Authenticated Users, all settings enabled.
    const authenticatedUsers = { name: 'Authenticated Users', sid: 'S-1-5-11', type: 'group' };
    expect(state.gpos).toEqual([{ name: gpo, domain, exists: true, links: [ou], licensingMode: 'perDevice', licenseServers: [LIC02, LIC01], status: 'allSettingsEnabled', applyTrustees: [authenticatedUsers] }]);
  }, 180_000);

  it('reads a disabled GPO link as no link, and converges it by enabling the link rather than linking again', async () => {
    const gpo = 'RDS Licensing - Finance';
    const domain = 'corp.contoso.com';
    const ou = 'OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com';
    const before = await provider.read({ hosts: [], gpos: [{ name: gpo, domain }], parallelism: 2 });
    expect(before.gpos.map((g) => g.links)).toEqual([[]]);
    const response = await provider.apply({ target: { kind: 'gpo', gpo, domain }, operations: [{ kind: 'linkGpo', gpo, domain, ou }], resolveSecret });
    expect(response.results).toEqual([{ kind: 'linkGpo', status: 'done', detail: `enabled the disabled link to ${ou}` }]);
    expect((await double.journal('dc01.corp.contoso.com')).filter((entry) => entry.name === gpo)).toEqual([
      { command: 'Set-GPLink', name: gpo, domain, target: ou, linkEnabled: 'Yes' },
    ]);
    const after = await provider.read({ hosts: [], gpos: [{ name: gpo, domain }], parallelism: 2 });
    expect(after.gpos.map((g) => g.links)).toEqual([[ou]]);
  }, 180_000);
});
