/**
 * The ssh transport for real: one OpenSSH client per host against a loopback sshd on several
 * 127.0.0.x addresses, the real host scripts run by a real pwsh started through the same
 * -EncodedCommand bootstrap a Windows host gets, with the test double standing in for Windows.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Operation } from '../../src/model/operation.js';
import type { Provider } from '../../src/providers/provider.js';
import { checkWindowsConformance } from '../../src/providers/windows/check-windows-conformance.js';
import { createWindowsProvider } from '../../src/providers/windows/create-windows-provider.js';
import { startLoopbackSshd, type LoopbackSshd } from './loopback-sshd.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, keyPack, licenseServerState, managementHostState, sessionHostState, type DoubleDirectory } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const RDSH01 = 'rdsh01.corp.contoso.com';
const KIOSK01 = 'kiosk01.corp.contoso.com';
const DC01 = 'dc01.corp.contoso.com';
const HUNG = 'rdsh-hung.corp.contoso.com';
const STRANGER = 'stranger.corp.contoso.com';
const CLOSED = 'closed.corp.contoso.com';
const GPO = { name: 'RDS Licensing - Finance', domain: 'corp.contoso.com' };

const addresses: Record<string, string> = {
  [LIC01]: '127.0.0.2',
  [RDSH01]: '127.0.0.3',
  [KIOSK01]: '127.0.0.4',
  [DC01]: '127.0.0.5',
  [HUNG]: '127.0.0.6',
  // Served by the same sshd, but absent from known_hosts: the host key check must refuse it.
  [STRANGER]: '127.0.0.99',
};

describeWindows('ssh-exec', ({ pwsh, sshd }) => {
  let double: DoubleDirectory;
  let server: LoopbackSshd;
  let provider: Provider;
  const connection = () => ({
    provider: 'windows' as const,
    transport: 'ssh' as const,
    user: server.user,
    port: server.port,
    keyFile: server.keyFile,
    knownHostsFile: server.knownHostsFile,
    addresses,
    gpoManagementHost: DC01,
    timeoutSeconds: 25,
    remotePowerShell: pwsh,
  });

  beforeAll(async () => {
    double = await createDoubleDirectory(
      {
        [LIC01]: licenseServerState({ keyPacks: [keyPack({ id: 1, versionId: 7, productType: 1, total: 100, issued: 40 })] }),
        [RDSH01]: sessionHostState({ policyMode: 4, policyServers: LIC01, connectivity: { [LIC01]: 11 }, tcp: { [`${addresses[LIC01]}:135`]: true } }),
        [KIOSK01]: sessionHostState({ localMode: 2, localServers: ['old.corp.contoso.com'] }),
        [DC01]: managementHostState([{ Name: GPO.name, Domain: GPO.domain, Values: { LicensingMode: 2 }, Links: [] }]),
        [HUNG]: sessionHostState({ extra: { hangSeconds: 120 } }),
        [STRANGER]: sessionHostState(),
      },
      Object.fromEntries(Object.entries(addresses).map(([host, address]) => [address, host])),
    );
    server = await startLoopbackSshd({ sshd, pwsh, double });
    provider = createWindowsProvider({ connection: connection(), specDirectory: server.directory, parallelism: 6 });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('reads every host with its own ssh client; a hung host, an unknown host key and a closed port are each their own error', async () => {
    const started = Date.now();
    const state = await provider.read({ hosts: [LIC01, RDSH01, KIOSK01, HUNG, STRANGER], gpos: [GPO], parallelism: 6 });
    const elapsed = Date.now() - started;
    expect(state.hosts.map((h) => h.host)).toEqual([LIC01, RDSH01, KIOSK01]);
    expect(state.hosts.find((h) => h.host === LIC01)?.licenseServer?.keyPacks).toEqual([
      { keyPackId: 1, productVersionId: 7, product: 'windowsServer2022', type: 'perUser', channel: 'volume', total: 100, issued: 40, available: 60 },
    ]);
    expect(state.hosts.find((h) => h.host === RDSH01)?.sessionHost?.licenseServers).toEqual({ local: [], policy: [LIC01], effective: [LIC01], source: 'policy' });
    expect(state.hosts.find((h) => h.host === RDSH01)?.sessionHost?.probes).toEqual({ [LIC01]: { resolves: true, address: '127.0.0.2', rpcPort135: true } });
    expect(state.gpos).toEqual([{ ...GPO, exists: true, links: [], licensingMode: 'perDevice', licenseServers: null }]);
    expect(state.errors.map(({ host, code, step }) => ({ host, code, step }))).toEqual([
      { host: HUNG, code: 'HOST_TIMEOUT', step: 'read-host' },
      { host: STRANGER, code: 'HOST_KEY_MISMATCH', step: 'read-host' },
    ]);
    expect(state.errors[0]?.message).toBe(`${HUNG} did not answer: no answer within 25 s (the ssh client was stopped)`);
    expect(state.errors[1]?.message).toMatch(
      /^cannot log in to stranger\.corp\.contoso\.com: the host's key is not in known_hosts \(No ED25519 host key is known for \[127\.0\.0\.99\]:\d+ and you have requested strict checking\.\)\. Hint: add the host's key/,
    );
    // The hung host's client was stopped at its 25 s budget; the others did not wait for it.
    expect(elapsed).toBeLessThan(50_000);
  }, 60_000);

  it('windows check over plain ssh: non-ASCII request text reaches PowerShell intact on stdin, and the default shell is reported', async () => {
    const report = await checkWindowsConformance({ connection: connection(), specDirectory: server.directory, parallelism: 2 }, { hosts: [KIOSK01], gpos: [], parallelism: 1 });
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

  it('applies over plain ssh, converges, and a second apply changes nothing', async () => {
    const install: Operation = {
      kind: 'installLicenses',
      group: { product: 'windowsServer2022', type: 'perUser', channel: 'volume' },
      program: 'enterpriseAgreement',
      targetTotal: 250,
      plannedDelta: 150,
      secrets: { agreementNumber: { env: 'RDS_EA' } },
    };
    const changes = () =>
      Promise.all([
        provider.apply({ target: { kind: 'host', host: LIC01 }, operations: [install], resolveSecret: async () => '1234567' }),
        provider.apply({ target: { kind: 'host', host: KIOSK01 }, operations: [{ kind: 'setLicenseServers', servers: ['lic02.corp.contoso.com', LIC01] }, { kind: 'setLicensingMode', mode: 'perDevice' }], resolveSecret: async () => '' }),
        provider.apply({ target: { kind: 'gpo', ...{ gpo: GPO.name, domain: GPO.domain } }, operations: [{ kind: 'setGpoLicensingMode', gpo: GPO.name, domain: GPO.domain, mode: 'perUser' }], resolveSecret: async () => '' }),
      ]);
    const first = await changes();
    expect(first.map((r) => r.results.map((x) => x.status))).toEqual([['done'], ['done', 'noop'], ['done']]);
    const second = await changes();
    expect(second.map((r) => r.results.map((x) => x.status))).toEqual([['noop'], ['noop', 'noop'], ['noop']]);
    expect(await double.journal(LIC01)).toEqual([
      { command: 'Invoke-CimMethod', class: 'Win32_TSLicenseKeyPack', method: 'InstallAgreementLicenseKeyPack', arguments: { AgreementType: 1, LicenseCount: 150, ProductType: 1, ProductVersion: 7, sAgreementNumber: '1234567' } },
    ]);
    const state = await provider.read({ hosts: [KIOSK01], gpos: [GPO], parallelism: 2 });
    expect(state.hosts[0]?.sessionHost?.licenseServers.effective).toEqual(['lic02.corp.contoso.com', LIC01]);
    expect(state.gpos[0]?.licensingMode).toBe('perUser');
  }, 120_000);
});
