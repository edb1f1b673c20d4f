import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { ConformanceReport } from '../../src/model/conformance-report.js';
import { loadValidators } from '../../src/validators/load-validators.js';
import { REPO_ROOT, runCli } from '../support/run-cli.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, keyPack, LICENSING_RULES, licenseServerState, managementHostState, sessionHostState, type DoubleDirectory, type DoubleState } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const RDSH01 = 'rdsh01.corp.contoso.com';
const DC01 = 'dc01.corp.contoso.com';
const LIC2025 = 'lic2025.corp.contoso.com';
const LICGPOFW = 'lic-gpofw.corp.contoso.com';
const FINANCE_GPO = { Name: 'RDS Licensing - Finance', Domain: 'corp.contoso.com', Values: { LicensingMode: 4 }, Links: [] };

/** One host per assumption, each contradicting only that one. */
const CONTRADICTIONS: Record<string, DoubleState> = {
  'lic-oddpack.corp.contoso.com': licenseServerState({ keyPacks: [keyPack({ id: 1, total: 10 }), keyPack({ id: 2, versionId: 9, total: 5 })] }),
  'lic-2030.corp.contoso.com': licenseServerState({ keyPacks: [keyPack({ id: 4, versionId: 8, total: 5, productVersion: 'Windows Server 2030' })] }),
  'lic-nodc.corp.contoso.com': licenseServerState({ server: { NoDomainController: true }, keyPacks: [keyPack({ id: 1, total: 10 })] }),
  'lic-norules.corp.contoso.com': licenseServerState({ firewallRules: [], keyPacks: [keyPack({ id: 1, total: 10 })] }),
  'lic-splitgroup.corp.contoso.com': licenseServerState({ firewallRules: [LICENSING_RULES[0]!, { ...LICENSING_RULES[1]!, Group: 'Custom' }], keyPacks: [keyPack({ id: 1, total: 10 })] }),
  'lic-nocountry.corp.contoso.com': licenseServerState({ server: { MissingProperties: ['CountryRegion'] }, keyPacks: [keyPack({ id: 1, total: 10 })] }),
  'lic-unexplained.corp.contoso.com': licenseServerState({ keyPacks: [keyPack({ id: 1, total: 10 })] }),
  // 3 revoked per-device CALs still before their expiry, where 20% of 10 is 2.
  // ActiveProfile names no profile rdsctl knows: which profile's merge setting applies is unknown.
  'lic-oddprofile.corp.contoso.com': licenseServerState({ keyPacks: [keyPack({ id: 1, total: 10 })], extra: { firewallActiveProfile: 'Unidentified' } }),
  'lic-overrevoked.corp.contoso.com': licenseServerState({
    keyPacks: [keyPack({ id: 1, total: 10 }), keyPack({ id: 4, productType: 0, total: 10 })],
    extra: { issuedLicenses: [1, 2, 3].map((id) => ({ KeyPackId: 4, LicenseId: id, sIssuedToComputer: `OLD${id}`, LicenseStatus: 4, ExpirationDate: '2099-01-01T00:00:00Z' })) },
  }),
};

function withRegistryValue(state: DoubleState, key: string, values: Record<string, unknown>): DoubleState {
  return { ...state, registry: { ...(state['registry'] as object), [key]: values } };
}

const NETLOGON = 'SYSTEM\\CurrentControlSet\\Services\\Netlogon\\Parameters';
const SITE = 'Default-First-Site-Name';
const PUBLICATION = `CN=TS-Enterprise-License-Server,CN=${SITE},CN=Sites,CN=Configuration,DC=corp,DC=contoso,DC=com`;

/** A licence server in SITE whose site publication object lists `siteServers`. */
function publishedIn(state: DoubleState, siteServers: string[]): DoubleState {
  return { ...withRegistryValue(state, NETLOGON, { DynamicSiteName: SITE }), directory: { publication: { site: SITE, siteServers } } };
}

/** Facts that only shape reads: contradicted, they are reported, but the exit code stays 0. */
const READ_CONTRADICTIONS: Record<string, DoubleState> = {
  'rdsh-events.corp.contoso.com': sessionHostState({ localMode: 4, events: [{ Id: 1128, LogName: 'System', ProviderName: 'Microsoft-Windows-RemoteDesktopServices-Other', TimeCreated: '2026-01-05T10:00:00Z' }] }),
  'lic-noendpoint.corp.contoso.com': licenseServerState({ keyPacks: [keyPack({ id: 1, total: 10 })], extra: { failures: { 'Win32_TSLicenseServer.IsTSinTSCGroup': { returnValue: 2147749934 } } } }),
  'lic-comerrors.corp.contoso.com': licenseServerState({ keyPacks: [keyPack({ id: 1, total: 10 })], extra: { cimErrorsAsCom: true } }),
  'rdsh-bashshell.corp.contoso.com': withRegistryValue(sessionHostState({ localMode: 4 }), 'SOFTWARE\\OpenSSH', { DefaultShell: 'C:\\cygwin64\\bin\\bash.exe' }),
  // IsLSPublished says published, but the site's TS-Enterprise-License-Server object lists another server.
  'lic-unlisted.corp.contoso.com': publishedIn(licenseServerState({ keyPacks: [keyPack({ id: 1, total: 10 })] }), ['CN=LIC99,CN=Computers,DC=corp,DC=contoso,DC=com']),
};

async function writeLedger(double: DoubleDirectory, host: string, entries: object[]): Promise<void> {
  const directory = path.join(double.path, 'programdata', host, 'rdsctl');
  await mkdir(directory, { recursive: true });
  await writeFile(path.join(directory, 'install-ledger.jsonl'), entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
}

function spec(managementHost: string): string {
  return [
    'apiVersion: rdsctl/v1',
    'deployment: check',
    'connection:',
    '  provider: windows',
    '  transport: local',
    `  gpoManagementHost: ${managementHost}`,
    // A spec that declares only external licence servers names the host keeping its apply lock.
    `  lockHost: ${LIC01}`,
    `externalLicenseServers: [${LIC01}]`,
    'sessionHostPools:',
    '  - name: finance',
    `    hosts: [${RDSH01}]`,
    '    os: windowsServer2022',
    '    configuredBy: { gpo: "RDS Licensing - Finance" }',
    'gpos:',
    '  - name: "RDS Licensing - Finance"',
    '    domain: corp.contoso.com',
    '    licensingMode: perUser',
    `    licenseServers: [${LIC01}]`,
    '',
  ].join('\n');
}

describeWindows('windows-check', ({ pwsh }) => {
  let double: DoubleDirectory;
  let cwd: string;

  beforeAll(async () => {
    double = await createDoubleDirectory({
      [LIC01]: publishedIn(licenseServerState({ keyPacks: [keyPack({ id: 1, total: 100 }), keyPack({ id: 2, versionId: 2, productType: 3, keyPackType: 6, total: 4294967295, description: 'Built-in TS Per Device Cal' })] }), ['CN=LIC01,OU=Servers,DC=corp,DC=contoso,DC=com']),
      [RDSH01]: sessionHostState({ localMode: 4 }),
      // A GPO deploys the endpoint-mapper rule: how the ActiveStore names its store can be seen.
      [LICGPOFW]: licenseServerState({ keyPacks: [keyPack({ id: 1, total: 10 })], extra: { gpoFirewallRules: [{ Name: 'TermServLicensing-RPCSS-In-TCP', Enabled: 'True', PolicyStoreSource: 'corp.contoso.com\\RDS Firewall' }] } }),
      [LIC2025]: licenseServerState({ keyPacks: [keyPack({ id: 3, versionId: 8, total: 20, productVersion: 'Windows Server 2025' })] }),
      [DC01]: managementHostState([FINANCE_GPO]),
      'dc-unsetempty.corp.contoso.com': { ...managementHostState([FINANCE_GPO]), gpoUnsetReturnsNothing: true },
      'dc-otherid.corp.contoso.com': { ...managementHostState([FINANCE_GPO]), gpoNotFoundErrorId: 'ObjectNotFound' },
      ...CONTRADICTIONS,
      ...READ_CONTRADICTIONS,
    });
    await writeLedger(double, LIC01, [
      { id: 'i-1', kind: 'installStarted', at: '2026-01-02T10:00:00Z', group: { product: 'windowsServer2022', type: 'perUser', channel: 'volume' }, method: 'InstallAgreementLicenseKeyPack', asked: { ProductVersion: 7, ProductType: 1, LicenseCount: 100 }, before: [] },
      { id: 'f-1', kind: 'installFinished', at: '2026-01-02T10:00:05Z', installId: 'i-1', outcome: 'asExpected', reason: 'Windows filed 100 as ProductVersionID 7 perUser volume (key pack 1)', after: [], filedAs: [] },
    ]);
    await writeLedger(double, 'lic-unexplained.corp.contoso.com', [
      { id: 'i-9', kind: 'installStarted', at: '2026-01-03T10:00:00Z', group: { product: 'windowsServer2022', type: 'perUser', channel: 'volume' }, method: 'InstallAgreementLicenseKeyPack', asked: { ProductVersion: 7, ProductType: 1, LicenseCount: 50 }, before: [] },
    ]);
    cwd = await mkdtemp(path.join(os.tmpdir(), 'rdsctl-check-'));
    await writeFile(path.join(cwd, 'rds.yaml'), spec(DC01));
    await writeFile(path.join(cwd, 'unset-empty.yaml'), spec('dc-unsetempty.corp.contoso.com'));
    await writeFile(path.join(cwd, 'other-id.yaml'), spec('dc-otherid.corp.contoso.com'));
    await writeFile(path.join(cwd, 'lab.yaml'), 'apiVersion: rdsctl/v1\ndeployment: lab\nconnection:\n  provider: lab\n  estate: ./estate.yaml\n');
  }, 60_000);

  const check = (args: string[]) => runCli(['windows', 'check', ...args], { cwd, env: { RDSCTL_POWERSHELL: pwsh, ...double.environment } });
  // One host at a time: the double gives each host its own ProgramData (the ledger's place)
  // through a process-wide variable, which hosts served side by side in one process would share.
  const checkHosts = (hosts: string[], ...rest: string[]) => check(['--hosts', hosts.join(','), '--transport', 'local', '--parallelism', '1', ...rest]);
  const failedOf = (report: ConformanceReport, hosts: Record<string, DoubleState>) =>
    Object.fromEntries(report.hosts.filter((host) => host.host in hosts).map((host) => [host.host, host.assumptions.filter((a) => a.status === 'failed').map((a) => `${a.appliesTo} ${a.fact}: ${a.observed}`)]));

  let report: ConformanceReport;
  let exitCode: number | null;
  let pwshVersion: string;

  beforeAll(async () => {
    const result = await checkHosts([LIC01, RDSH01, LIC2025, LICGPOFW, ...Object.keys(CONTRADICTIONS), ...Object.keys(READ_CONTRADICTIONS)], '--json');
    exitCode = result.exitCode;
    report = JSON.parse(result.stdout) as ConformanceReport;
    pwshVersion = execFileSync(pwsh, ['-NoProfile', '-Command', '$PSVersionTable.PSVersion.ToString()'], { encoding: 'utf8' }).trim();
  }, 240_000);

  it('names every unverified fact of unverified-facts.ps1 in the JSON report, which the schema accepts', () => {
    const validate = loadValidators('conformance')['report']!;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    const script = readFileSync(path.join(REPO_ROOT, 'providers/windows/unverified-facts.ps1'), 'utf8');
    const functions = [...script.matchAll(/^function (\S+)/gm)].map((match) => match[1]!).filter((name) => name !== 'Get-RdsUnverifiedFacts');
    for (const host of report.hosts) expect(host.assumptions.map((assumption) => assumption.fact)).toEqual(['powershell', 'keyPackReporting', 'directoryChecks', 'sshExec', ...functions]);
    expect(report.hosts.find((host) => host.host === LIC01)!.assumptions.find((assumption) => assumption.fact === 'Get-RdsInstallProductVersion')).toEqual({
      fact: 'Get-RdsInstallProductVersion',
      appliesTo: 'apply',
      summary: 'Windows files an install under the ProductVersionID and channel asked (ProductVersion 7 for Windows Server 2022)',
      status: 'held',
      observed: '1 install(s) filed as asked: Windows filed 100 as ProductVersionID 7 perUser volume (key pack 1)',
    });
  });

  it('finds nothing failed on a conforming licence server and session host', () => {
    expect(failedOf(report, { [LIC01]: {}, [RDSH01]: {}, [LIC2025]: {} })).toEqual({ [LIC01]: [], [RDSH01]: [], [LIC2025]: [] });
    const undocumented = (host: string) => report.hosts.find((entry) => entry.host === host)!.assumptions.find((a) => a.fact === 'Get-RdsUndocumentedProductVersionIds');
    expect(undocumented(LIC2025)).toMatchObject({ status: 'held', observed: 'key pack 3: ProductVersionID 8, ProductVersion "Windows Server 2025"' });
    expect(undocumented(LIC01)).toMatchObject({ status: 'unknown', observed: 'no key pack of ProductVersionID 8 to compare' });
    const publication = (host: string) => report.hosts.find((entry) => entry.host === host)!.assumptions.find((a) => a.fact === 'Get-RdsPublicationObjectPath');
    expect(publication(LIC01)).toMatchObject({ appliesTo: 'read', status: 'held', observed: `IsLSPublished is true and ${PUBLICATION} lists "CN=LIC01,OU=Servers,DC=corp,DC=contoso,DC=com"` });
    expect(publication(LIC2025)).toMatchObject({ status: 'unknown', observed: 'this host reports no Active Directory site (Netlogon DynamicSiteName is not set)' });
  });

  it('probes the ssh transport\'s facts from the host side: the default shell and the shipped sshd', () => {
    const facts = (host: string) => Object.fromEntries(report.hosts.find((entry) => entry.host === host)!.assumptions.filter((a) => /Ssh/.test(a.fact)).map((a) => [a.fact, `${a.appliesTo} ${a.status}: ${a.observed}`]));
    expect(facts(RDSH01)).toEqual({
      'Get-RdsSshDefaultShell': 'read held: DefaultShell is not set: commands run through cmd.exe',
      'Get-RdsSshCmdArguments': 'apply notApplicable: not reached through OpenSSH exec',
      'Get-RdsSshStreamEncoding': 'apply notApplicable: not reached through OpenSSH exec',
      'Get-RdsSshStdinEndsOnDisconnect': 'apply notApplicable: not reached through OpenSSH exec',
      'Get-RdsShippedOpenSshVersion': 'read unknown: no sshd.exe in System32\\OpenSSH or Program Files\\OpenSSH',
    });
  });

  it('sees how the policy in effect names a GPO-deployed rule, and cannot settle it where no GPO deploys one', () => {
    const policyView = (host: string) => report.hosts.find((entry) => entry.host === host)!.assumptions.find((a) => a.fact === 'Read-RdsActiveFirewallPolicy');
    expect(policyView(LICGPOFW)).toMatchObject({
      status: 'held',
      observed:
        'ActiveProfile "Domain"; AllowLocalFirewallRules Domain=NotConfigured, Private=NotConfigured, Public=NotConfigured; in effect: TermServLicensing-RPCSS-In-TCP from corp.contoso.com\\RDS Firewall (GroupPolicy), TermServLicensing-In-TCP from PersistentStore (Local), TermServLicensing-NP-In-TCP from PersistentStore (Local)',
    });
    expect(policyView(LIC01)).toMatchObject({ status: 'unknown' });
    expect(policyView(RDSH01)).toMatchObject({ status: 'notApplicable' });
  });

  it('exits 4 when a double contradicts an assumption apply relies on, naming exactly that one per host', () => {
    expect(exitCode).toBe(4);
    expect(failedOf(report, CONTRADICTIONS)).toEqual({
      'lic-oddpack.corp.contoso.com': ['apply keyPackReporting: not in the tables rdsctl counts by: key pack 2: ProductVersionID 9, ProductType 1, KeyPackType 2'],
      'lic-2030.corp.contoso.com': ['apply Get-RdsUndocumentedProductVersionIds: key pack 4: ProductVersionID 8, ProductVersion "Windows Server 2030"'],
      'lic-nodc.corp.contoso.com': ['apply directoryChecks: the directory checks (IsLSPublished, IsLSinTSLSGroup) failed from this session: IsLSPublished failed with 0x80041001 (WBEM_E_FAILED)'],
      'lic-norules.corp.contoso.com': ['apply Get-RdsLicensingFirewallRuleNamePattern: no firewall rule is named TermServLicensing-*'],
      'lic-splitgroup.corp.contoso.com': ['apply Get-RdsLicensingFirewallRuleNamePattern: TermServLicensing-In-TCP, TermServLicensing-RPCSS-In-TCP span 2 rule groups: Custom, Remotedesktoplizenzierungsserver'],
      'lic-nocountry.corp.contoso.com': ['apply Set-RdsActivationContact: Win32_TSLicenseServer has no CountryRegion'],
      'lic-unexplained.corp.contoso.com': ['apply Get-RdsInstallProductVersion: the install ledger holds 1 unexplained install(s); the first, i-9: the install started but its result was never recorded'],
      'lic-oddprofile.corp.contoso.com': ['apply Read-RdsActiveFirewallPolicy: ActiveProfile reads "Unidentified", which names no profile rdsctl knows'],
      'lic-overrevoked.corp.contoso.com': ['apply Test-RdsRevokeQuotaSpent: more revoked CALs count than the model allows: ProductVersionID 7: 3 revoked CALs before their expiry, 20% is 2'],
    });
  });

  it('reports contradicted facts that only shape reads', () => {
    expect(failedOf(report, READ_CONTRADICTIONS)).toEqual({
      'rdsh-events.corp.contoso.com': ['read Get-RdsClassicSessionHostEventSources: events 1128-1131 in the System log come from Microsoft-Windows-RemoteDesktopServices-Other'],
      'lic-noendpoint.corp.contoso.com': ['read Test-RdsEndpointServerMember: IsTSinTSCGroup failed with 0x8004102E'],
      'lic-comerrors.corp.contoso.com': ['read Get-RdsCimExceptionCode: a CIM error arrived as System.Runtime.InteropServices.COMException, not CimException'],
      'rdsh-bashshell.corp.contoso.com': ['read Get-RdsSshDefaultShell: DefaultShell is C:\\cygwin64\\bin\\bash.exe, neither cmd.exe nor PowerShell'],
      'lic-unlisted.corp.contoso.com': [`read Get-RdsPublicationObjectPath: IsLSPublished is true, but ${PUBLICATION} lists "CN=LIC99,CN=Computers,DC=corp,DC=contoso,DC=com", not LIC-UNLISTED`],
    });
  });

  it('prints the text report; read-only contradictions leave the exit code alone, an unreadable host makes it 1', async () => {
    const result = await checkHosts([LIC01, RDSH01, ...Object.keys(READ_CONTRADICTIONS), 'ghost.corp.contoso.com']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout.split('\n')[0]).toBe('rdsctl windows check: 7 hosts checked, 1 host could not be checked, every assumption apply relies on held or could not be settled here');
    expect(result.stdout).toContain(
      [
        '',
        'lic01.corp.contoso.com (licenseServer; Microsoft Windows Server 2022 Datacenter, build 20348)',
        '  held    apply  powershell: the remote end runs Windows PowerShell 5.1 or PowerShell 7 or later',
        `                 PowerShell Core ${pwshVersion}`,
        '  held    apply  keyPackReporting: every key pack reports a known ProductVersionID, ProductType and',
        '                 KeyPackType',
        '                 key pack 1: ProductVersionID 7, ProductType 1, KeyPackType 2; key pack 2:',
        '                 ProductVersionID 2, ProductType 3, KeyPackType 6',
      ].join('\n'),
    );
    expect(result.stdout).toContain('  not applicable to this host\'s roles: keyPackReporting, directoryChecks, sshExec,\n                 Get-RdsInstallProductVersion, Get-RdsUndocumentedProductVersionIds,\n');
    expect(result.stdout).toContain('  FAILED  read   Get-RdsCimExceptionCode: CIM cmdlets throw CimException, with the WMI code in\n                 ErrorData.error_Code or a NativeErrorCode of the same meaning\n                 a CIM error arrived as System.Runtime.InteropServices.COMException, not\n                 CimException\n');
    expect(result.stdout).toContain('\nCould not check:\n  ghost.corp.contoso.com: no fixture for host ghost.corp.contoso.com\n');
  }, 180_000);

  it('prints the failed assumption and its summary line, and exits 4', async () => {
    const text = await checkHosts(['lic-norules.corp.contoso.com']);
    expect(text.exitCode).toBe(4);
    expect(text.stdout.split('\n')[0]).toBe('rdsctl windows check: 1 host checked, 1 assumption apply relies on did not hold');
    expect(text.stdout).toContain('  FAILED  apply  Get-RdsLicensingFirewallRuleNamePattern: the RD Licensing firewall rules are named\n                 TermServLicensing-* and form one rule group\n                 no firewall rule is named TermServLicensing-*\n');
  }, 120_000);

  it('probes the Group Policy cmdlets on the management host of a spec, and exits 4 when they behave otherwise', async () => {
    const held = await check(['-f', 'rds.yaml', '--json']);
    expect(held.exitCode).toBe(0);
    const gpo = (report: ConformanceReport) => report.hosts.find((host) => host.roles.includes('gpoManagementHost'))!.assumptions.find((a) => a.fact === 'Get-RdsGpoRegistryValue');
    expect(gpo(JSON.parse(held.stdout) as ConformanceReport)).toMatchObject({
      status: 'held',
      observed: 'a missing GPO raised GpoWithNameNotFound,Microsoft.GroupPolicy.Commands.GetGpoCommand; an unset value raised UnableToRetrievePolicyRegistryItem,Microsoft.GroupPolicy.Commands.GetGPRegistryValueCommand (ObjectNotFound)',
    });
    expect((JSON.parse(held.stdout) as ConformanceReport).hosts.find((host) => host.roles.includes('gpoManagementHost'))!.assumptions.find((a) => a.fact === 'Read-RdsGpoApplyTrustees')).toMatchObject({
      status: 'held',
      observed: 'GPO "RDS Licensing - Finance": Authenticated Users (WellKnownGroup): GpoApply, Domain Admins (Group): GpoEditDeleteModifySecurity',
    });
    const empty = await check(['-f', 'unset-empty.yaml', '--json']);
    expect(empty.exitCode).toBe(4);
    expect(gpo(JSON.parse(empty.stdout) as ConformanceReport)).toMatchObject({
      status: 'failed',
      observed: 'a missing GPO raised GpoWithNameNotFound,Microsoft.GroupPolicy.Commands.GetGpoCommand; an unset value returned 0 instead of throwing',
    });
    const otherId = await check(['-f', 'other-id.yaml', '--json']);
    expect(otherId.exitCode).toBe(4);
    expect(gpo(JSON.parse(otherId.stdout) as ConformanceReport)).toMatchObject({
      status: 'failed',
      observed: 'a missing GPO raised ObjectNotFound,Microsoft.GroupPolicy.Commands.GetGpoCommand (ObjectNotFound), not GpoWithNameNotFound',
    });
  }, 180_000);

  it('refuses a spec of another provider and contradicting options with exit 3', async () => {
    const lab = await check(['-f', 'lab.yaml']);
    expect(lab.exitCode).toBe(3);
    expect(lab.stderr).toContain('lab.yaml: rdsctl windows check probes Windows hosts, but connection.provider is lab');
    const both = await check(['-f', 'rds.yaml', '--hosts', RDSH01]);
    expect(both.exitCode).toBe(3);
    expect(both.stderr).toContain('-f cannot be combined with --hosts');
    const flags = await check(['-f', 'rds.yaml', '--transport', 'local']);
    expect(flags.exitCode).toBe(3);
  }, 60_000);
});
