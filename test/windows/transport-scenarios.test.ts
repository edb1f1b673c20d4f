/**
 * The same read and apply scenarios through every transport that can run here: plain OpenSSH
 * exec (`ssh`, one client per host, the bootstrap run by a real pwsh) and PowerShell remoting
 * over SSH (`psrp-ssh`, one local pwsh), each against its own loopback sshd and test double on
 * several 127.0.0.x addresses. What differs is only what each transport can know about a
 * failure: the ssh transport reads each client's own words, remoting only the runner's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSpec } from '../../src/model/spec.js';
import type { Operation } from '../../src/model/operation.js';
import type { Provider } from '../../src/providers/provider.js';
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
const GPO = { name: 'RDS Licensing - Finance', domain: 'corp.contoso.com' };
/** Generous: on a loaded 2-core runner, four remote pwsh starting at once can take over a minute. */
const TIMEOUT_SECONDS = 120;
/**
 * The budget of the read with the hung host, which waits it out: several times what a read of
 * the healthy hosts just took on this machine, so a quiet runner does not idle for minutes and a
 * loaded one does not stop healthy hosts at the budget.
 */
function hungReadBudgetSeconds(healthyReadMs: number): number {
  return Math.min(TIMEOUT_SECONDS, Math.max(15, Math.ceil((healthyReadMs * 4) / 1000)));
}

const addresses: Record<string, string> = {
  [LIC01]: '127.0.0.2',
  [RDSH01]: '127.0.0.3',
  [KIOSK01]: '127.0.0.4',
  [DC01]: '127.0.0.5',
  [HUNG]: '127.0.0.6',
  // Served by the same sshd, but absent from known_hosts: the host key check must refuse it.
  [STRANGER]: '127.0.0.99',
};

interface TransportCase {
  transport: 'ssh' | 'psrp-ssh';
  connection: (pwsh: string) => Partial<ConnectionSpec>;
  /** How the host that never answers is reported, given the read's budget. */
  hungMessage: (budgetSeconds: number) => string;
  /** How the host whose key is not in known_hosts is reported. */
  stranger: { code: string; message: RegExp };
}

const TRANSPORTS: readonly TransportCase[] = [
  {
    transport: 'ssh',
    connection: (pwsh) => ({ transport: 'ssh', remotePowerShell: pwsh }),
    hungMessage: (budget) => `${HUNG} did not answer: no answer within ${budget} s (the ssh client was stopped)`,
    stranger: {
      code: 'HOST_KEY_MISMATCH',
      message: /^cannot log in to stranger\.corp\.contoso\.com: the host's key is not in known_hosts \(No ED25519 host key is known for \[127\.0\.0\.99\]:\d+ and you have requested strict checking\.\)\. Hint: add the host's key/,
    },
  },
  {
    transport: 'psrp-ssh',
    connection: () => ({ transport: 'psrp-ssh' }),
    hungMessage: (budget) => `${HUNG} did not answer: no answer within ${budget} s`,
    stranger: {
      code: 'HOST_UNREACHABLE',
      message: /^cannot reach stranger\.corp\.contoso\.com over SSH at 127\.0\.0\.99: the host's key is not in the known_hosts file, or differs from it \(No ED25519 host key is known for \[127\.0\.0\.99\]:\d+ .*\)\. Hint: add the host's key to connection\.knownHostsFile/,
    },
  },
];

describeWindows('transport-scenarios', ({ pwsh, sshd }) => {
  for (const scenario of TRANSPORTS) {
    describe(`over ${scenario.transport}`, () => {
      let double: DoubleDirectory;
      let server: LoopbackSshd;
      let provider: Provider;
      let hungReadProvider: Provider;
      let hungReadBudget: number;

      beforeAll(async () => {
        double = await createDoubleDirectory(
          {
            [LIC01]: licenseServerState({ keyPacks: [keyPack({ id: 1, versionId: 7, productType: 1, total: 100, issued: 40 })] }),
            [RDSH01]: sessionHostState({ policyMode: 4, policyServers: LIC01, connectivity: { [LIC01]: 11 }, tcp: { [`${addresses[LIC01]}:135`]: true } }),
            [KIOSK01]: sessionHostState({ localMode: 2, localServers: ['old.corp.contoso.com'] }),
            [DC01]: managementHostState([{ Name: GPO.name, Domain: GPO.domain, Values: { LicensingMode: 2 }, Links: [] }]),
            [HUNG]: sessionHostState({ extra: { hangSeconds: 600 } }),
            [STRANGER]: sessionHostState(),
          },
          Object.fromEntries(Object.entries(addresses).map(([host, address]) => [address, host])),
        );
        server = await startLoopbackSshd({ sshd, pwsh, double });
        const providerWithBudget = (timeoutSeconds: number): Provider =>
          createWindowsProvider({
            connection: {
              provider: 'windows',
              user: server.user,
              port: server.port,
              keyFile: server.keyFile,
              knownHostsFile: server.knownHostsFile,
              addresses,
              gpoManagementHost: DC01,
              timeoutSeconds,
              ...scenario.connection(pwsh),
            },
            specDirectory: server.directory,
            parallelism: 6,
            powershell: { file: pwsh, edition: 'core' },
          });
        provider = providerWithBudget(TIMEOUT_SECONDS);
        const started = Date.now();
        const healthy = await provider.read({ hosts: [LIC01, RDSH01, KIOSK01], gpos: [GPO], parallelism: 6 });
        expect(healthy.errors).toEqual([]);
        hungReadBudget = hungReadBudgetSeconds(Date.now() - started);
        hungReadProvider = providerWithBudget(hungReadBudget);
      }, 240_000);

      afterAll(async () => {
        await server?.stop();
      });

      it('reads every host, while a host that does not answer and one whose key is unknown end as their own errors', async () => {
        const started = Date.now();
        const state = await hungReadProvider.read({ hosts: [LIC01, RDSH01, KIOSK01, HUNG, STRANGER], gpos: [GPO], parallelism: 6 });
        const elapsed = Date.now() - started;
        expect(state.errors.map(({ host, code, step }) => ({ host, code, step }))).toEqual([
          { host: HUNG, code: 'HOST_TIMEOUT', step: 'read-host' },
          { host: STRANGER, code: scenario.stranger.code, step: 'read-host' },
        ]);
        expect(state.errors[0]?.message).toBe(scenario.hungMessage(hungReadBudget));
        expect(state.errors[1]?.message).toMatch(scenario.stranger.message);
        expect(state.hosts.map((h) => h.host)).toEqual([LIC01, RDSH01, KIOSK01]);
        expect(state.hosts.find((h) => h.host === LIC01)?.licenseServer?.keyPacks).toEqual([
          { keyPackId: 1, productVersionId: 7, product: 'windowsServer2022', type: 'perUser', channel: 'volume', total: 100, issued: 40, available: 60 },
        ]);
        expect(state.hosts.find((h) => h.host === RDSH01)?.sessionHost?.licenseServers).toEqual({ local: [], policy: [LIC01], effective: [LIC01], source: 'policy' });
        // The probe runs on the session host; in this test its DNS knows the names of the connection's address map.
        expect(state.hosts.find((h) => h.host === RDSH01)?.sessionHost?.probes).toEqual({ [LIC01]: { resolves: true, address: '127.0.0.2', rpcPort135: true } });
        expect(state.gpos).toEqual([
          {
            ...GPO, exists: true, links: [], licensingMode: 'perDevice', licenseServers: null,
            status: 'allSettingsEnabled', applyTrustees: [{ name: 'Authenticated Users', sid: 'S-1-5-11', type: 'group' }],
          },
        ]);
        // The hung host was stopped at its own budget; the others did not wait for it.
        expect(elapsed).toBeLessThan(2 * hungReadBudget * 1000);
        // ...and its PowerShell ended with the connection, rather than run on, orphaned, on the host.
        await expect.poll(() => server.sessionsTo(addresses[HUNG] as string), { timeout: 20_000, interval: 500 }).toEqual([]);
      }, 400_000);

      it('applies, converges, and a second apply changes nothing', async () => {
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
            provider.apply({ target: { kind: 'gpo', gpo: GPO.name, domain: GPO.domain }, operations: [{ kind: 'setGpoLicensingMode', gpo: GPO.name, domain: GPO.domain, mode: 'perUser' }], resolveSecret: async () => '' }),
          ]);
        const first = await changes();
        expect(first.map((r) => r.results.map((x) => x.status))).toEqual([['done'], ['done', 'noop'], ['done']]);
        const second = await changes();
        expect(second.map((r) => r.results.map((x) => x.status))).toEqual([['noop'], ['noop', 'noop'], ['noop']]);
        expect(await double.journal(LIC01)).toEqual([
          { command: 'Invoke-CimMethod', class: 'Win32_TSLicenseKeyPack', method: 'InstallAgreementLicenseKeyPack', arguments: { AgreementType: 1, LicenseCount: 150, ProductType: 1, ProductVersion: 7, sAgreementNumber: '1234567' } },
        ]);
        expect(await double.journal(KIOSK01)).toEqual([
          { command: 'Invoke-CimMethod', class: 'Win32_TerminalServiceSetting', method: 'SetSpecifiedLicenseServerList', arguments: { SpecifiedLSList: ['lic02.corp.contoso.com', LIC01] } },
        ]);
        const state = await provider.read({ hosts: [KIOSK01], gpos: [GPO], parallelism: 2 });
        expect(state.hosts[0]?.sessionHost?.licenseServers.effective).toEqual(['lic02.corp.contoso.com', LIC01]);
        expect(state.gpos[0]?.licensingMode).toBe('perUser');
      }, 500_000);
    });
  }
});
