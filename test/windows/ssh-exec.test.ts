/**
 * What only the ssh transport can tell apart, for real: one OpenSSH client per host against a
 * loopback sshd, each failure classified from that client's own words. The read and apply
 * scenarios every transport shares are in transport-scenarios.test.ts.
 */
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { failedApplyAssumptions } from '../../src/model/conformance-report.js';
import { checkWindowsConformance } from '../../src/providers/windows/check-windows-conformance.js';
import { createWindowsProvider } from '../../src/providers/windows/create-windows-provider.js';
import { locateWindowsFiles } from '../../src/providers/windows/locate-windows-files.js';
import { buildRemoteCommandLine } from '../../src/transport/ssh-command-line.js';
import { runCli } from '../support/run-cli.js';
import { startLoopbackSshd, type LoopbackSshd } from './loopback-sshd.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, licenseServerState } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
/** A host whose PowerShell writes stdout in its OEM code page, not the UTF-8 the bootstrap asks for. */
const OEM_STDOUT = 'lic-oem.corp.contoso.com';
/** A host whose cmd.exe keeps the quotes sshd puts around the command line. */
const CMD_KEEPS_QUOTES = 'lic-quotes.corp.contoso.com';
const CLOSED = 'closed.corp.contoso.com';
const addresses: Record<string, string> = { [LIC01]: '127.0.0.2', [OEM_STDOUT]: '127.0.0.3', [CMD_KEEPS_QUOTES]: '127.0.0.4' };

describeWindows('ssh-exec', ({ pwsh, sshd }) => {
  let server: LoopbackSshd;
  const connection = () => ({
    provider: 'windows' as const,
    transport: 'ssh' as const,
    user: server.user,
    port: server.port,
    keyFile: server.keyFile,
    knownHostsFile: server.knownHostsFile,
    addresses,
    // Each check starts a PowerShell per host on a machine that may be loaded: a generous budget.
    timeoutSeconds: 120,
    remotePowerShell: pwsh,
  });

  beforeAll(async () => {
    const double = await createDoubleDirectory(
      {
        [LIC01]: { ...licenseServerState(), cmdExe: 'documented' },
        [OEM_STDOUT]: { ...licenseServerState(), consoleOutputEncoding: 'ibm850' },
        [CMD_KEEPS_QUOTES]: { ...licenseServerState(), cmdExe: 'keepsQuotes' },
      },
      Object.fromEntries(Object.entries(addresses).map(([host, address]) => [address, host])),
    );
    server = await startLoopbackSshd({ sshd, pwsh, double });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('windows check over plain ssh: non-ASCII request text reaches PowerShell intact on stdin, and the default shell is reported', async () => {
    const report = await checkWindowsConformance({ connection: connection(), specDirectory: server.directory, parallelism: 2 }, { hosts: [LIC01], gpos: [], parallelism: 1 });
    expect(report.errors).toEqual([]);
    expect(report.hosts[0]?.assumptions.find((assumption) => assumption.fact === 'sshExec')).toEqual({
      fact: 'sshExec',
      appliesTo: 'apply',
      summary: 'the request reaches PowerShell intact on stdin (UTF-8) through OpenSSH exec',
      status: 'held',
      observed: 'default shell cmd.exe (no DefaultShell set); console input encoding utf-8; the script ended by its length, not by EOF; non-ASCII request text arrived intact',
    });
  }, 240_000);

  it('windows check over plain ssh settles stdout and cmd.exe quoting against the double configured both ways, and exits 4 when they do not hold', async () => {
    const report = await checkWindowsConformance({ connection: connection(), specDirectory: server.directory, parallelism: 3 }, { hosts: [LIC01, OEM_STDOUT, CMD_KEEPS_QUOTES], gpos: [], parallelism: 3 });
    expect(report.errors).toEqual([]);
    const fact = (host: string, name: string) => report.hosts.find((entry) => entry.host === host)?.assumptions.find((assumption) => assumption.fact === name);
    expect(fact(LIC01, 'Get-RdsSshStreamEncoding')).toEqual({
      fact: 'Get-RdsSshStreamEncoding',
      appliesTo: 'apply',
      summary: 'Windows PowerShell 5.1 under cmd.exe reads stdin as raw UTF-8 through [Console]::OpenStandardInput(), and its stdout comes back neither re-encoded nor wrapped',
      status: 'held',
      observed: 'console input encoding utf-8, output encoding utf-8; rdsctl writes stdin and decodes stdout as utf-8; the non-ASCII probe text came back on stdout as sent',
    });
    expect(fact(OEM_STDOUT, 'Get-RdsSshStreamEncoding')).toMatchObject({
      status: 'failed',
      observed: 'console input encoding utf-8, output encoding ibm850; rdsctl writes stdin and decodes stdout as utf-8; stdout is encoded as ibm850; the probe text came back as "Z\uFFFDrich \uFFFD ????da \uFFFD ??", sent as "Zürich · Ελλάδα · 東京"',
    });
    const lineLength = buildRemoteCommandLine({ remotePowerShell: pwsh, bootstrapFile: locateWindowsFiles().sshBootstrap }).length;
    expect(fact(LIC01, 'Get-RdsSshCmdArguments')).toEqual({
      fact: 'Get-RdsSshCmdArguments',
      appliesTo: 'apply',
      summary: 'cmd.exe, started by Win32-OpenSSH as "cmd.exe" /c "<line>", runs the bootstrap line as sent: it strips only the quotes sshd put around it',
      status: 'held',
      observed: `cmd.exe /c "<the bootstrap line, ${lineLength} characters>" ran the line as sent: the bootstrap echoed rdsctl-cmd-echo`,
    });
    expect(fact(OEM_STDOUT, 'Get-RdsSshCmdArguments')).toMatchObject({ status: 'unknown', observed: 'no cmd.exe in %SystemRoot%\\System32 to run the line through' });
    expect(fact(CMD_KEEPS_QUOTES, 'Get-RdsSshCmdArguments')?.status).toBe('failed');
    expect(fact(CMD_KEEPS_QUOTES, 'Get-RdsSshCmdArguments')?.observed).toMatch(
      new RegExp(`^cmd\\.exe /c "<the bootstrap line, ${lineLength} characters>" did not echo rdsctl-cmd-echo \\(exit code 127\\); stdout ""; stderr "\\.\\.\\..*: File name too long"$`),
    );
    expect(failedApplyAssumptions(report).map(({ host, assumption }) => `${host} ${assumption.fact}`)).toEqual([`${OEM_STDOUT} Get-RdsSshStreamEncoding`, `${CMD_KEEPS_QUOTES} Get-RdsSshCmdArguments`]);

    const spec = path.join(server.directory, 'oem.yaml');
    const yaml = [
      'apiVersion: rdsctl/v1',
      'deployment: oem',
      'connection:',
      '  provider: windows',
      '  transport: ssh',
      `  user: ${server.user}`,
      `  port: ${server.port}`,
      `  keyFile: ${server.keyFile}`,
      `  knownHostsFile: ${server.knownHostsFile}`,
      `  remotePowerShell: ${pwsh}`,
      '  timeoutSeconds: 120',
      `  addresses: { ${OEM_STDOUT}: ${addresses[OEM_STDOUT]} }`,
      'licenseServers:',
      `  - host: ${OEM_STDOUT}`,
      '',
    ].join('\n');
    await writeFile(spec, yaml);
    const cli = await runCli(['windows', 'check', '-f', spec], { cwd: server.directory });
    expect(cli.stdout.split('\n')[0]).toBe('rdsctl windows check: 1 host checked, 1 assumption apply relies on did not hold');
    expect(cli.stdout).toContain('  FAILED  apply  Get-RdsSshStreamEncoding: ');
    expect(cli.exitCode).toBe(4);
  }, 400_000);

  it('classifies a refused login and a port nobody listens on from the client\'s words', async () => {
    const refused = createWindowsProvider({ connection: { ...connection(), user: 'nobody-here' }, specDirectory: server.directory, parallelism: 2 });
    const closed = createWindowsProvider({ connection: { ...connection(), port: 1, addresses: { ...addresses, [CLOSED]: '127.0.0.7' } }, specDirectory: server.directory, parallelism: 2 });
    const [login, port] = await Promise.all([refused.read({ hosts: [LIC01], gpos: [], parallelism: 1 }), closed.read({ hosts: [CLOSED], gpos: [], parallelism: 1 })]);
    expect(login.errors.map(({ code }) => code)).toEqual(['AUTH_FAILED']);
    expect(login.errors[0]?.message).toMatch(/^cannot log in to lic01\.corp\.contoso\.com: the host refused the login \(nobody-here@127\.0\.0\.2: Permission denied \(publickey\)\.\)/);
    expect(port.errors.map(({ code, message }) => ({ code, message }))).toEqual([
      {
        code: 'HOST_UNREACHABLE',
        message:
          'cannot reach closed.corp.contoso.com: no SSH server accepted the connection (ssh: connect to host 127.0.0.7 port 1: Connection refused). Hint: check that OpenSSH Server runs on the host, that connection.port is its port, and that a firewall lets it through',
      },
    ]);
  }, 60_000);
});
