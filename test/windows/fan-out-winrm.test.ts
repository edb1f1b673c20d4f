/**
 * The winrm transport cannot run here (WinRM from PowerShell on Linux is not supported), so
 * these tests check what the fan-out runner hands Invoke-Command: a stand-in Invoke-Command
 * records the parameters it was given (and New-PSSessionOption the session options) and fails,
 * and the runner reports that failure as the host's frame. What a real WinRM listener does with them is not tested here.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { locateWindowsFiles } from '../../src/providers/windows/locate-windows-files.js';
import { resolveHostTarget } from '../../src/providers/windows/resolve-host-target.js';
import type { ConnectionSpec } from '../../src/model/spec.js';
import { describeWindows } from './windows-test-gate.js';

// New-PSSessionOption on Linux has only -SkipCACheck and -SkipCNCheck, so it is stood in for too.
const RECORDING_INVOKE_COMMAND = `
function global:New-PSSessionOption {
    param([int]$OpenTimeout, [switch]$NoMachineProfile)
    [pscustomobject]@{ OpenTimeout = $OpenTimeout; NoMachineProfile = [bool]$NoMachineProfile }
}
function global:Invoke-Command {
    param([string]$ComputerName, [int]$Port, [switch]$UseSSL, [pscredential]$Credential, $SessionOption, $ScriptBlock, $ArgumentList, [switch]$AsJob, [string]$JobName)
    $seen = [ordered]@{ parameters = @($PSBoundParameters.Keys | Sort-Object); computerName = $ComputerName }
    if ($PSBoundParameters.ContainsKey('Port')) { $seen.port = $Port }
    if ($PSBoundParameters.ContainsKey('UseSSL')) { $seen.useSsl = [bool]$UseSSL }
    if ($Credential) { $seen.user = $Credential.UserName; $seen.passwordArrived = ($Credential.GetNetworkCredential().Password -eq 'pa55 w0rd') }
    $seen.openTimeoutMs = [int]$SessionOption.OpenTimeout
    $seen.noMachineProfile = [bool]$SessionOption.NoMachineProfile
    throw ('RECORDED ' + (ConvertTo-Json -InputObject $seen -Compress))
}
`;

async function runWinRm(pwsh: string, connection: ConnectionSpec, password?: string): Promise<Record<string, unknown>> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'rdsctl-winrm-'));
  const wrapper = path.join(directory, 'run.ps1');
  await writeFile(wrapper, `${RECORDING_INVOKE_COMMAND}\n& '${locateWindowsFiles().runnerScript.replaceAll("'", "''")}'\n`);
  const host = 'lic01.corp.contoso.com';
  const target = resolveHostTarget({ connection, specDirectory: directory, host, ...(password ? { password } : {}) });
  const request = { id: host, host, target, timeoutSeconds: 20, inputJson: JSON.stringify({ host, phase: 'read', readHost: true, gpos: [] }) };
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', wrapper], (error, out) => (error ? reject(error) : resolve(out)));
    child.stdin?.end(JSON.stringify(request));
  });
  const frame = JSON.parse(stdout.split('\n').find((line) => line.startsWith('RDSCTL-FRAME '))!.slice(13)) as { status: string; error: { message: string } };
  expect(frame.status).toBe('unreachable');
  return JSON.parse(frame.error.message.slice(frame.error.message.indexOf('RECORDED ') + 9)) as Record<string, unknown>;
}

describeWindows('fan-out-winrm', ({ pwsh }) => {
  it('passes -UseSSL and the port when connection.useSsl is set', async () => {
    const seen = await runWinRm(pwsh, { provider: 'windows', transport: 'winrm', useSsl: true, port: 5986, addresses: { 'lic01.corp.contoso.com': '10.0.0.11' } });
    expect(seen).toEqual({
      parameters: ['ArgumentList', 'AsJob', 'ComputerName', 'JobName', 'Port', 'ScriptBlock', 'SessionOption', 'UseSSL'],
      computerName: '10.0.0.11',
      port: 5986,
      useSsl: true,
      openTimeoutMs: 20000,
      noMachineProfile: true,
    });
  }, 60_000);

  it('connects over HTTP, without -UseSSL, when useSsl is not set, and builds the credential from the password on stdin', async () => {
    const seen = await runWinRm(pwsh, { provider: 'windows', transport: 'winrm', user: 'CORP\\rdsadmin', password: { env: 'UNUSED' } }, 'pa55 w0rd');
    expect(seen).toEqual({
      parameters: ['ArgumentList', 'AsJob', 'ComputerName', 'Credential', 'JobName', 'ScriptBlock', 'SessionOption'],
      computerName: 'lic01.corp.contoso.com',
      user: 'CORP\\rdsadmin',
      passwordArrived: true,
      openTimeoutMs: 20000,
      noMachineProfile: true,
    });
  }, 60_000);
});
