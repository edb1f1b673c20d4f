/**
 * What the host's OpenSSH server receives over the ssh transport, and that it runs whatever
 * shell the server starts commands in: a forced command records the exact command line (then
 * runs it with /bin/sh, as cmd.exe would: a plain command), and a second address starts
 * commands through PowerShell, as Win32-OpenSSH does when DefaultShell is set.
 */
import { readFile, writeFile, chmod } from 'node:fs/promises';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWindowsProvider } from '../../src/providers/windows/create-windows-provider.js';
import { locateWindowsFiles } from '../../src/providers/windows/locate-windows-files.js';
import { buildRemoteCommandLine, compactBootstrap, CMD_LINE_LIMIT } from '../../src/transport/ssh-command-line.js';
import { startLoopbackSshd, type LoopbackSshd } from './loopback-sshd.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, keyPack, licenseServerState, sessionHostState } from './windows-double-fixtures.js';

const RECORDED = 'lic01.corp.contoso.com';
const POWERSHELL_SHELL = 'rdsh01.corp.contoso.com';
const addresses: Record<string, string> = { [RECORDED]: '127.0.0.2', [POWERSHELL_SHELL]: '127.0.0.3' };

describeWindows('ssh-exec-shells', ({ pwsh, sshd }) => {
  let server: LoopbackSshd;
  let recordFile: string;

  beforeAll(async () => {
    const double = await createDoubleDirectory(
      {
        [RECORDED]: licenseServerState({ keyPacks: [keyPack({ id: 1, versionId: 7, productType: 1, total: 100, issued: 40 })] }),
        [POWERSHELL_SHELL]: sessionHostState({ localMode: 2, localServers: [RECORDED] }),
      },
      Object.fromEntries(Object.entries(addresses).map(([host, address]) => [address, host])),
    );
    server = await startLoopbackSshd({
      sshd,
      pwsh,
      double,
      extraConfig: async (directory) => {
        recordFile = path.join(directory, 'received-command.txt');
        const record = path.join(directory, 'record-command.sh');
        await writeFile(record, `#!/bin/sh\nprintf '%s' "$SSH_ORIGINAL_COMMAND" > '${recordFile}'\nexec /bin/sh -c "$SSH_ORIGINAL_COMMAND"\n`);
        const powershellShell = path.join(directory, 'powershell-shell.sh');
        await writeFile(powershellShell, `#!/bin/sh\nexec '${pwsh}' -NoLogo -NoProfile -Command "$SSH_ORIGINAL_COMMAND"\n`);
        await chmod(record, 0o755);
        await chmod(powershellShell, 0o755);
        return ['Match LocalAddress 127.0.0.2', `  ForceCommand ${record}`, 'Match LocalAddress 127.0.0.3', `  ForceCommand ${powershellShell}`];
      },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  const provider = () =>
    createWindowsProvider({
      connection: { provider: 'windows', transport: 'ssh', user: server.user, port: server.port, keyFile: server.keyFile, knownHostsFile: server.knownHostsFile, addresses, timeoutSeconds: 60, remotePowerShell: pwsh },
      specDirectory: server.directory,
      parallelism: 2,
    });

  it('sends exactly the documented command line: the PowerShell, fixed flags, and the bootstrap as UTF-16LE base64, under cmd.exe\'s limit', async () => {
    const state = await provider().read({ hosts: [RECORDED], gpos: [], parallelism: 1 });
    expect(state.errors).toEqual([]);
    expect(state.hosts[0]?.licenseServer?.keyPacks.map((pack) => pack.total)).toEqual([100]);
    const received = await readFile(recordFile, 'utf8');
    const match = /^(\S+) -NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ([A-Za-z0-9+/]+=*)$/.exec(received);
    expect(match?.[1]).toBe(pwsh);
    const bootstrapFile = locateWindowsFiles().sshBootstrap;
    expect(Buffer.from(match?.[2] ?? '', 'base64').toString('utf16le')).toBe(compactBootstrap(await readFile(bootstrapFile, 'utf8')));
    expect(received).toBe(buildRemoteCommandLine({ remotePowerShell: pwsh, bootstrapFile }));
    expect(buildRemoteCommandLine({ remotePowerShell: 'powershell.exe', bootstrapFile }).length).toBeLessThan(CMD_LINE_LIMIT);
  }, 90_000);

  it("starts a host's own PowerShell (its pool's or licence server's remotePowerShell) instead of the connection's", async () => {
    const state = await createWindowsProvider({
      connection: { provider: 'windows', transport: 'ssh', user: server.user, port: server.port, keyFile: server.keyFile, knownHostsFile: server.knownHostsFile, addresses, timeoutSeconds: 60, remotePowerShell: 'powershell.exe' },
      specDirectory: server.directory,
      parallelism: 1,
      remotePowerShellByHost: new Map([[RECORDED, pwsh]]),
    }).read({ hosts: [RECORDED], gpos: [], parallelism: 1 });
    expect(state.errors).toEqual([]);
    expect(await readFile(recordFile, 'utf8')).toBe(buildRemoteCommandLine({ remotePowerShell: pwsh, bootstrapFile: locateWindowsFiles().sshBootstrap }));
  }, 90_000);

  it('runs the same read when the server starts commands through PowerShell instead of a plain shell', async () => {
    const state = await provider().read({ hosts: [POWERSHELL_SHELL], gpos: [], parallelism: 1 });
    expect(state.errors).toEqual([]);
    expect(state.hosts[0]?.sessionHost?.licenseServers.local).toEqual([RECORDED]);
  }, 90_000);
});
