import { readdir } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { createLocalProvider } from './local-provider.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, licenseServerState, sessionHostState } from './windows-double-fixtures.js';

// Spec validation rejects such names; this proves the provider itself treats them as inert data.
const EVIL_HOST = "rdsh$(New-Item -ItemType File -Path (Join-Path $env:RDSCTL_DOUBLE_DIR 'pwned-host'))'; Remove-Item -Recurse -Force $env:RDSCTL_DOUBLE_DIR; \"`$x`n\nnext";
const EVIL_LIC = "lic\"; New-Item -ItemType File -Path (Join-Path $env:RDSCTL_DOUBLE_DIR 'pwned-server') #";
const EVIL_SECRET = "12'; New-Item -ItemType File -Path (Join-Path $env:RDSCTL_DOUBLE_DIR 'pwned-secret'); '$(Remove-Item -Recurse $env:RDSCTL_DOUBLE_DIR)`\n";

describeWindows('windows-injection', ({ pwsh }) => {
  it('carries host names, list entries, probed servers and key-pack secrets full of PowerShell syntax to the host as inert data', async () => {
    const double = await createDoubleDirectory({
      [EVIL_HOST]: sessionHostState({ localMode: 2, localServers: ['lic01.corp.contoso.com'] }),
      'lic01.corp.contoso.com': licenseServerState({ server: { SecGroupEnabled: true, EndpointServers: [EVIL_HOST] } }),
    });
    const provider = createLocalProvider(double, pwsh);

    const state = await provider.read({ hosts: [EVIL_HOST], gpos: [], parallelism: 2 });
    expect(state.errors).toEqual([]);
    expect(state.hosts.map((h) => h.host)).toEqual([EVIL_HOST]);
    expect(state.hosts[0]?.sessionHost?.licenseServers.effective).toEqual(['lic01.corp.contoso.com']);

    const [hostResponse, serverResponse] = await Promise.all([
      provider.apply({ target: { kind: 'host', host: EVIL_HOST }, operations: [{ kind: 'setLicenseServers', servers: [EVIL_LIC, 'lic01.corp.contoso.com'] }], resolveSecret: async () => EVIL_SECRET }),
      provider.apply({
        target: { kind: 'host', host: 'lic01.corp.contoso.com' },
        operations: [
          {
            kind: 'installLicenses',
            group: { product: 'windowsServer2022', type: 'perDevice', channel: 'volume' },
            program: 'select',
            targetTotal: 5,
            plannedDelta: 5,
            secrets: { agreementNumber: { env: 'RDS_SELECT' } },
          },
        ],
        resolveSecret: async () => EVIL_SECRET,
      }),
    ]);
    expect(hostResponse.ok).toBe(true);
    // The secret is checked for shape before anything travels: a value full of PowerShell syntax is
    // refused without being shown, and nothing reaches the licence server.
    expect(serverResponse.ok).toBe(false);
    expect(serverResponse.error?.code).toBe('SECRET_UNAVAILABLE');
    expect(serverResponse.error?.message).toBe(
      'the agreement number must be 7 digits; the value given is not (it is not shown), for installing licences on lic01.corp.contoso.com',
    );
    expect(JSON.stringify(serverResponse)).not.toContain('pwned-secret');
    expect(await double.journal(EVIL_HOST)).toEqual([
      { command: 'Invoke-CimMethod', class: 'Win32_TerminalServiceSetting', method: 'SetSpecifiedLicenseServerList', arguments: { SpecifiedLSList: [EVIL_LIC, 'lic01.corp.contoso.com'] } },
    ]);
    expect(await double.journal('lic01.corp.contoso.com')).toEqual([]);
    // Read again: the new list entry is probed, and the host's name is asked about on the licence server, as data.
    const again = await provider.read({ hosts: [EVIL_HOST, 'lic01.corp.contoso.com'], gpos: [], parallelism: 2 });
    expect(again.errors).toEqual([]);
    expect(again.hosts[0]?.sessionHost?.probes).toEqual({ [EVIL_LIC]: { resolves: false, rpcPort135: false }, 'lic01.corp.contoso.com': { resolves: false, rpcPort135: false } });
    expect(again.hosts[1]?.licenseServer?.discovery.endpointServers).toEqual([EVIL_HOST]);
    const left = (await readdir(double.path)).sort();
    expect(left).toEqual(['addresses.json', 'hosts', 'journal']);
  }, 180_000);
});
