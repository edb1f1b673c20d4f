import { beforeAll, expect, it } from 'vitest';
import type { LiveState } from '../../src/model/live-state.js';
import { createLocalProvider } from './local-provider.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, sessionHostState } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const LIC02 = 'lic02.corp.contoso.com';
const SLOW = 'lic-slow.corp.contoso.com';
const BROKEN = 'lic-wmi-broken.corp.contoso.com';
const REFUSED = 'lic-refused.corp.contoso.com';
const WS08R2 = 'lic-2008r2.corp.contoso.com';
const WS08 = 'lic-2008.corp.contoso.com';
const VDI = 'lic-2008r2-vdi.corp.contoso.com';
const ODD = 'lic-odd.corp.contoso.com';
const CHECKS = 'rdsh-checks.corp.contoso.com';
const STATUSES = 'rdsh-statuses.corp.contoso.com';

describeWindows('windows-read-connectivity', ({ pwsh }) => {
  let state: LiveState;

  beforeAll(async () => {
    const double = await createDoubleDirectory({
      // The slow check would take two minutes, longer than the whole read may (60 s): only a
      // budget per call keeps the host's read, and the servers after it, alive.
      [CHECKS]: sessionHostState({
        localMode: 4,
        localServers: [SLOW, BROKEN, REFUSED, LIC01],
        connectivity: {
          [SLOW]: { delaySeconds: 120, status: 11 },
          [BROKEN]: { cim: 'Failed', message: 'Provider load failure' },
          [REFUSED]: { returnValue: 2147749892 },
          [LIC01]: 11,
        },
      }),
      [STATUSES]: sessionHostState({
        localMode: 2,
        localServers: [LIC01, WS08R2, WS08, VDI, LIC02, ODD],
        connectivity: { [LIC01]: 11, [WS08R2]: 1, [WS08]: 2, [VDI]: 9, [LIC02]: 7, [ODD]: 12 },
      }),
    });
    const provider = createLocalProvider(double, pwsh);
    state = await provider.read({ hosts: [CHECKS, STATUSES], gpos: [], parallelism: 2 });
  }, 240_000);

  const host = (name: string) => state.hosts.find((h) => h.host === name);

  it('bounds each connectivity check and records a check that fails or runs out of time on that server, keeping the host\u2019s read', () => {
    expect(state.errors).toEqual([]);
    expect(host(CHECKS)?.sessionHost?.connectivity).toEqual({
      // The CIM call gives up at the budget and throws a CimException (whose message, off
      // Windows, is the MI result's name), as CIM does.
      [SLOW]: {
        status: 'CHECK_FAILED',
        healthy: false,
        error: `GetTStoLSConnectivityStatus for ${SLOW} (budget 10 s) failed: MI_RESULT_FAILED`,
        windowsCode: '0x80041001',
      },
      [BROKEN]: {
        status: 'CHECK_FAILED',
        healthy: false,
        error: `GetTStoLSConnectivityStatus for ${BROKEN} (budget 10 s) failed: MI_RESULT_FAILED`,
        windowsCode: '0x80041001',
      },
      [REFUSED]: {
        status: 'CHECK_FAILED',
        healthy: false,
        error: `GetTStoLSConnectivityStatus for ${REFUSED} failed with 0x80041004 (WBEM_E_PROVIDER_FAILURE)`,
        windowsCode: '0x80041004',
      },
      [LIC01]: { code: 11, status: 'LS_CONNECTABLE_VALID_LS', healthy: true },
    });
    // The rest of the host's read still happened.
    expect(host(CHECKS)?.sessionHost?.licensingMode.effective).toBe('perUser');
    expect(Object.keys(host(CHECKS)?.sessionHost?.probes ?? {})).toEqual([SLOW, BROKEN, REFUSED, LIC01]);
  });

  it('treats only a current-version licence server (LS_CONNECTABLE_VALID_LS) as healthy, not the 2008-era valid statuses', () => {
    expect(host(STATUSES)?.sessionHost?.connectivity).toEqual({
      [LIC01]: { code: 11, status: 'LS_CONNECTABLE_VALID_LS', healthy: true },
      [WS08R2]: { code: 1, status: 'LS_CONNECTABLE_VALID_WS08R2', healthy: false },
      [WS08]: { code: 2, status: 'LS_CONNECTABLE_VALID_WS08', healthy: false },
      [VDI]: { code: 9, status: 'LS_CONNECTABLE_VALID_WS08R2_VDI', healthy: false },
      [LIC02]: { code: 7, status: 'LS_CONNECTABLE_UNKNOWN_VALIDITY', healthy: false },
      [ODD]: { code: 12, status: 'UNDOCUMENTED_12', healthy: false },
    });
  });
});
