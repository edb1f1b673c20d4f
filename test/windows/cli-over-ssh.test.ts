import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyExample, runCli } from '../support/run-cli.js';
import { startLoopbackSshd, type LoopbackSshd } from './loopback-sshd.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, keyPack, LICENSING_RULES, licenseServerState, managementHostState, sessionHostState, type DoubleDirectory, type DoubleState } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const LIC02 = 'lic02.corp.contoso.com';
const DC01 = 'dc01.corp.contoso.com';
/** The example's finance pool, cut from twelve hosts to three: each host read starts a remote shell. */
const FINANCE = Array.from({ length: 3 }, (_, i) => `rdsh${String(i + 1).padStart(2, '0')}.corp.contoso.com`);

/** The example estate as Windows hosts, with drift on lic01, kiosk02 and kiosk03. */
function exampleHosts(): Record<string, DoubleState> {
  const hosts: Record<string, DoubleState> = {
    [LIC01]: licenseServerState({ keyPacks: [keyPack({ id: 1, productType: 1, total: 100, issued: 60 }), keyPack({ id: 2, productType: 0, total: 50, issued: 10 })] }),
    [LIC02]: licenseServerState({
      keyPacks: [keyPack({ id: 1, productType: 1, total: 100, issued: 30 }), keyPack({ id: 2, productType: 0, total: 25, issued: 5 })],
      firewallRules: LICENSING_RULES.map((rule) => ({ ...rule, Enabled: 'True' })),
    }),
    'kiosk01.corp.contoso.com': sessionHostState({ localMode: 2, localServers: [LIC02, LIC01], connectivity: { [LIC02]: 11, [LIC01]: 11 } }),
    'kiosk02.corp.contoso.com': sessionHostState({ localMode: 2, localServers: ['lic-old.corp.contoso.com'] }),
    'kiosk03.corp.contoso.com': sessionHostState({ localMode: 4, localServers: [LIC02, LIC01], connectivity: { [LIC02]: 11, [LIC01]: 11 } }),
    [DC01]: managementHostState([
      { Name: 'RDS Licensing - Finance', Domain: 'corp.contoso.com', Values: { LicensingMode: 4, LicenseServers: `${LIC01},${LIC02}` }, Links: ['OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com'] },
    ]),
  };
  for (const host of FINANCE) hosts[host] = sessionHostState({ policyMode: 4, policyServers: `${LIC01},${LIC02}`, connectivity: { [LIC01]: 11, [LIC02]: 11 } });
  return hosts;
}

describeWindows('cli-over-ssh', ({ pwsh, sshd }) => {
  let double: DoubleDirectory;
  let server: LoopbackSshd;
  let directory: string;

  beforeAll(async () => {
    const hosts = exampleHosts();
    const addresses = Object.fromEntries(Object.keys(hosts).map((host, i) => [host, `127.0.0.${i + 2}`]));
    double = await createDoubleDirectory(hosts, Object.fromEntries(Object.entries(addresses).map(([host, address]) => [address, host])));
    server = await startLoopbackSshd({ sshd, pwsh, double });
    directory = copyExample('contoso');
    const specFile = path.join(directory, 'rds.yaml');
    const connection = [
      'connection:',
      '  provider: windows',
      '  transport: psrp-ssh',
      `  user: ${server.user}`,
      `  port: ${server.port}`,
      `  keyFile: ${server.keyFile}`,
      `  knownHostsFile: ${server.knownHostsFile}`,
      `  gpoManagementHost: ${DC01}`,
      '  timeoutSeconds: 60',
      '  addresses:',
      ...Object.entries(addresses).map(([host, address]) => `    ${host}: ${address}`),
    ].join('\n');
    const spec = (await readFile(specFile, 'utf8'))
      .replace(/^connection:\n(?:[ \t]+.*\n)+/m, `${connection}\n`)
      .replace('"rdsh[01:12].corp.contoso.com"', `"rdsh[01:${String(FINANCE.length).padStart(2, '0')}].corp.contoso.com"`);
    expect(spec).toContain('"rdsh[01:03].corp.contoso.com"');
    await writeFile(specFile, spec);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('plans and applies the example spec over PowerShell remoting, then plans no changes', async () => {
    const env = { RDSCTL_POWERSHELL: pwsh };
    const plan = await runCli(['plan', '-f', 'rds.yaml', '--detailed-exitcode'], { cwd: directory, env });
    expect(plan.stderr).not.toMatch(/error/i);
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toContain('licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]');
    expect(plan.stdout).toContain('sessionHost[kiosk02.corp.contoso.com]');

    const apply = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd: directory, env });
    expect(apply.exitCode, apply.stdout + apply.stderr).toBe(0);

    const again = await runCli(['plan', '-f', 'rds.yaml', '--detailed-exitcode'], { cwd: directory, env });
    expect(again.exitCode, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes');

    expect(await double.journal(LIC01)).toEqual([
      { command: 'Enable-NetFirewallRule', name: ['TermServLicensing-NP-In-TCP', 'TermServLicensing-RPCSS-In-TCP'] },
      {
        command: 'Invoke-CimMethod',
        class: 'Win32_TSLicenseKeyPack',
        method: 'InstallAgreementLicenseKeyPack',
        arguments: { AgreementType: 1, LicenseCount: 150, ProductType: 1, ProductVersion: 7, sAgreementNumber: expect.any(String) },
      },
    ]);
    expect(await double.journal('kiosk02.corp.contoso.com')).toEqual([
      { command: 'Invoke-CimMethod', class: 'Win32_TerminalServiceSetting', method: 'SetSpecifiedLicenseServerList', arguments: { SpecifiedLSList: [LIC02, LIC01] } },
    ]);
    expect(await double.journal('kiosk03.corp.contoso.com')).toEqual([
      { command: 'Invoke-CimMethod', class: 'Win32_TerminalServiceSetting', method: 'ChangeMode', arguments: { LicensingType: 2 } },
    ]);
    expect(await double.journal(DC01)).toEqual([]);
  }, 600_000);
});
