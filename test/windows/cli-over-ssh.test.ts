import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import type { LoopbackSshd } from './loopback-sshd.js';
import { describeWindows } from './windows-test-gate.js';
import type { DoubleDirectory } from './windows-double-fixtures.js';
import { DC01, LIC01, LIC02, startContosoOverSsh } from './contoso-over-ssh.js';

describeWindows('cli-over-ssh', ({ pwsh, sshd }) => {
  let double: DoubleDirectory;
  let server: LoopbackSshd;
  let directory: string;

  beforeAll(async () => {
    ({ double, server, directory } = await startContosoOverSsh({ pwsh, sshd }));
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
