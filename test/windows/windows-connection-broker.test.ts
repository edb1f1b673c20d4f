/**
 * RD Connection Broker deployments through the real scripts: the broker's deployment licensing
 * read with the RemoteDesktop module (Get-RDLicenseConfiguration, Get-RDServer,
 * Win32_TSDeploymentLicensing), the broker a session host reports (Win32_TSSessionDirectory),
 * a host without the module refused with one clear error, and Set-RDLicenseConfiguration -Force.
 */
import { beforeAll, expect, it } from 'vitest';
import type { LiveState } from '../../src/model/live-state.js';
import { createLocalProvider } from './local-provider.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, managementHostState, sessionHostState, type DoubleDirectory } from './windows-double-fixtures.js';

const CB = 'cb01.corp.contoso.com';
const NO_MODULE = 'cb-nomodule.corp.contoso.com';
const RDSH01 = 'rdsh01.corp.contoso.com';
const RDSH02 = 'rdsh02.corp.contoso.com';

describeWindows('windows-connection-broker', ({ pwsh }) => {
  let double: DoubleDirectory;
  let state: LiveState;
  let refused: LiveState;

  beforeAll(async () => {
    double = await createDoubleDirectory({
      [CB]: { ...managementHostState([]), connectionBroker: { Mode: 'PerDevice', LicenseServer: ['lic-old.corp.contoso.com'], SessionHosts: [RDSH01], UseCentralLicensingSettings: true } },
      [NO_MODULE]: managementHostState([]),
      [RDSH01]: sessionHostState({ localMode: 2, localServers: ['lic-old.corp.contoso.com'], extra: { sessionDirectory: { SessionDirectoryActive: 1, SessionDirectoryLocation: CB } } }),
      [RDSH02]: sessionHostState({ localMode: 4, localServers: ['lic01.corp.contoso.com'], extra: { sessionDirectory: { SessionDirectoryActive: 0, SessionDirectoryLocation: CB } } }),
    });
    state = await createLocalProvider(double, pwsh, {}, { connectionBrokers: [CB] }).read({ hosts: [CB, RDSH01, RDSH02], gpos: [], parallelism: 3 });
    refused = await createLocalProvider(double, pwsh, {}, { connectionBrokers: [NO_MODULE] }).read({ hosts: [NO_MODULE], gpos: [], parallelism: 1 });
  }, 240_000);

  const host = (live: LiveState, name: string) => live.hosts.find((entry) => entry.host === name);

  it("reads the broker's deployment licensing and the deployment's session hosts", () => {
    expect(state.errors).toEqual([]);
    expect(host(state, CB)?.connectionBroker).toEqual({ licensingMode: 'perDevice', licenseServers: ['lic-old.corp.contoso.com'], sessionHosts: [RDSH01], centralLicensing: true });
  });

  it('reads the broker a session host takes part in, and none while its participation is off', () => {
    expect(host(state, RDSH01)?.sessionHost?.connectionBroker).toBe(CB);
    expect(host(state, RDSH02)?.sessionHost).not.toHaveProperty('connectionBroker');
  });

  it('refuses, in one error naming the module, to read a broker where the RemoteDesktop module is missing', () => {
    expect(refused.hosts).toEqual([]);
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors[0]).toMatchObject({ host: NO_MODULE, step: 'read-connection-broker' });
    expect(refused.errors[0]!.message).toContain('the RemoteDesktop module is not available on this host, so its RD Connection Broker deployment licensing cannot be read or set');
  });

  it('sets mode and list in one Set-RDLicenseConfiguration -Force, re-reads it, and does nothing the second time', async () => {
    const provider = createLocalProvider(double, pwsh, {}, { connectionBrokers: [CB] });
    const apply = () => provider.apply({ target: { kind: 'host', host: CB }, operations: [{ kind: 'setDeploymentLicensing', mode: 'perUser', servers: ['lic01.corp.contoso.com', 'lic02.corp.contoso.com'] }], resolveSecret: async () => '' });
    expect(await apply()).toEqual({
      ok: true,
      results: [{ kind: 'setDeploymentLicensing', status: 'done', detail: 'deployment licensing perDevice, [lic-old.corp.contoso.com] -> perUser, [lic01.corp.contoso.com, lic02.corp.contoso.com]' }],
    });
    expect((await double.journal(CB)).filter((entry) => entry.command === 'Set-RDLicenseConfiguration')).toEqual([
      { command: 'Set-RDLicenseConfiguration', force: true, licenseServer: ['lic01.corp.contoso.com', 'lic02.corp.contoso.com'], mode: 'PerUser' },
    ]);
    expect((await apply()).results[0]).toMatchObject({ status: 'noop' });
  }, 120_000);
});
