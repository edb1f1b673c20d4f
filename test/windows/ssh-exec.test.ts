/**
 * What only the ssh transport can tell apart, for real: one OpenSSH client per host against a
 * loopback sshd, each failure classified from that client's own words. The read and apply
 * scenarios every transport shares are in transport-scenarios.test.ts.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkWindowsConformance } from '../../src/providers/windows/check-windows-conformance.js';
import { createWindowsProvider } from '../../src/providers/windows/create-windows-provider.js';
import { startLoopbackSshd, type LoopbackSshd } from './loopback-sshd.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, licenseServerState } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const CLOSED = 'closed.corp.contoso.com';
const addresses: Record<string, string> = { [LIC01]: '127.0.0.2' };

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
    timeoutSeconds: 25,
    remotePowerShell: pwsh,
  });

  beforeAll(async () => {
    const double = await createDoubleDirectory({ [LIC01]: licenseServerState() }, { [addresses[LIC01] as string]: LIC01 });
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
  }, 60_000);

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
