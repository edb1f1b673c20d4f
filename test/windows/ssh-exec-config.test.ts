/**
 * The ssh transport honours the user's own OpenSSH configuration: hosts named only by their
 * names in the spec (no user, port, key or known_hosts there) reach their 127.0.0.x addresses
 * through `Host` blocks of an ssh_config file, with the HostName, Port, User, IdentityFile and
 * UserKnownHostsFile it sets, and share one connection between runs where a block sets
 * ControlMaster and ControlPath. An `ssh` on PATH that adds `-F FILE` stands in for
 * ~/.ssh/config (OpenSSH reads that from the account's home directory, not from $HOME, so a
 * temporary HOME would not reach it).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWindowsProvider } from '../../src/providers/windows/create-windows-provider.js';
import { locateWindowsFiles } from '../../src/providers/windows/locate-windows-files.js';
import { buildRemoteCommandLine } from '../../src/transport/ssh-command-line.js';
import { startLoopbackSshd, type LoopbackSshd } from './loopback-sshd.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, keyPack, licenseServerState, sessionHostState } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const RDSH01 = 'rdsh01.corp.contoso.com';
/** Reached through a Host block that sets ControlMaster, ControlPath and ControlPersist. */
const LIC02 = 'lic02.corp.contoso.com';
const run = promisify(execFile);

describeWindows('ssh-exec-config', ({ pwsh, sshd }) => {
  let server: LoopbackSshd;
  let argumentLog: string;
  let binDirectory: string;
  let config: string;

  beforeAll(async () => {
    const double = await createDoubleDirectory(
      {
        [LIC01]: licenseServerState({ keyPacks: [keyPack({ id: 1, versionId: 7, productType: 1, total: 100, issued: 40 })] }),
        [RDSH01]: sessionHostState(),
        [LIC02]: licenseServerState({ keyPacks: [keyPack({ id: 2, versionId: 7, productType: 1, total: 50, issued: 5 })] }),
      },
      { '127.0.0.2': LIC01, '127.0.0.3': RDSH01, '127.0.0.4': LIC02 },
    );
    // INFO: sshd logs one "Accepted publickey" line per connection it authenticates.
    server = await startLoopbackSshd({ sshd, pwsh, double, logLevel: 'INFO' });
    config = path.join(server.directory, 'ssh_config');
    await writeFile(path.join(server.directory, 'empty_known_hosts'), '');
    await writeFile(
      config,
      [
        `Host ${LIC01}`,
        '  HostName 127.0.0.2',
        `Host ${RDSH01}`,
        '  HostName 127.0.0.3',
        // First match wins: this host's keys are checked against a file that lacks them.
        `  UserKnownHostsFile ${path.join(server.directory, 'empty_known_hosts')}`,
        `Host ${LIC02}`,
        '  HostName 127.0.0.4',
        '  ControlMaster auto',
        `  ControlPath ${path.join(server.directory, 'cm-%C')}`,
        '  ControlPersist 120',
        'Host *.corp.contoso.com',
        `  Port ${server.port}`,
        `  User ${server.user}`,
        `  IdentityFile ${server.keyFile}`,
        '  IdentitiesOnly yes',
        `  UserKnownHostsFile ${server.knownHostsFile}`,
        '  StrictHostKeyChecking yes',
        '',
      ].join('\n'),
    );
    binDirectory = path.join(server.directory, 'bin');
    argumentLog = path.join(server.directory, 'ssh-arguments.log');
    await mkdir(binDirectory);
    const ssh = path.join(binDirectory, 'ssh');
    await writeFile(ssh, `#!/bin/sh\nprintf '%s\\n' "$@" >> '${argumentLog}'\nexec /usr/bin/ssh -F '${config}' "$@"\n`);
    await chmod(ssh, 0o755);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('reaches a host through its Host block, adds only BatchMode and a connect timeout, and checks host keys against the known_hosts the config names', async () => {
    const provider = createWindowsProvider({
      connection: { provider: 'windows', transport: 'ssh', timeoutSeconds: 60, remotePowerShell: pwsh },
      specDirectory: server.directory,
      parallelism: 1,
      environment: { PATH: `${binDirectory}:${process.env.PATH ?? ''}` },
    });
    const state = await provider.read({ hosts: [LIC01, RDSH01], gpos: [], parallelism: 1 });
    expect(state.hosts.map((host) => host.host)).toEqual([LIC01]);
    expect(state.hosts[0]?.licenseServer?.keyPacks.map((pack) => [pack.keyPackId, pack.total, pack.issued])).toEqual([[1, 100, 40]]);
    expect(state.errors.map(({ host, code }) => ({ host, code }))).toEqual([{ host: RDSH01, code: 'HOST_KEY_MISMATCH' }]);
    expect(state.errors[0]?.message).toMatch(/^cannot log in to rdsh01\.corp\.contoso\.com: the host's key is not in known_hosts \(No ED25519 host key is known for \[127\.0\.0\.3\]:\d+ and you have requested strict checking\.\)/);
    const commandLine = buildRemoteCommandLine({ remotePowerShell: pwsh, bootstrapFile: locateWindowsFiles().sshBootstrap });
    const invocation = (host: string) => ['-T', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '--', host, commandLine];
    expect((await readFile(argumentLog, 'utf8')).split('\n')).toEqual([...invocation(LIC01), ...invocation(RDSH01), '']);
  }, 90_000);

  it('shares one master connection between two reads when the user\'s config sets ControlMaster and ControlPath', async () => {
    const accepted = () => (server.log().match(/Accepted publickey for /g) ?? []).length;
    const before = accepted();
    const provider = createWindowsProvider({
      connection: { provider: 'windows', transport: 'ssh', timeoutSeconds: 90, remotePowerShell: pwsh },
      specDirectory: server.directory,
      parallelism: 1,
      environment: { PATH: `${binDirectory}:${process.env.PATH ?? ''}` },
    });
    try {
      for (let read = 0; read < 2; read += 1) {
        const state = await provider.read({ hosts: [LIC02], gpos: [], parallelism: 1 });
        expect(state.errors).toEqual([]);
        expect(state.hosts[0]?.licenseServer?.keyPacks.map((pack) => [pack.keyPackId, pack.total, pack.issued])).toEqual([[2, 50, 5]]);
      }
      // The first read's client became the master and stayed (ControlPersist); the second ran
      // its session over it, so sshd authenticated one connection for both.
      expect(accepted() - before).toBe(1);
      const check = await run('/usr/bin/ssh', ['-F', config, '-O', 'check', LIC02]);
      expect(check.stderr).toMatch(/^Master running \(pid=\d+\)/);
    } finally {
      await run('/usr/bin/ssh', ['-F', config, '-O', 'exit', LIC02]).catch(() => undefined);
    }
  }, 240_000);
});
