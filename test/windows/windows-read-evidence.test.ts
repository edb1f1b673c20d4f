import { beforeAll, expect, it } from 'vitest';
import type { LiveEvent, LiveState } from '../../src/model/live-state.js';
import type { Provider } from '../../src/providers/provider.js';
import { createLocalProvider } from './local-provider.js';
import { describeWindows } from './windows-test-gate.js';
import {
  RCM_ADMIN,
  RCM_OPERATIONAL,
  RCM_PROVIDER,
  createDoubleDirectory,
  daysAgo,
  licenseServerState,
  sessionHostState,
  winEvent,
  type DoubleDirectory,
  type DoubleState,
} from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const LIC02 = 'lic02.corp.contoso.com';
const LIC03 = 'lic03.corp.contoso.com';
const LIC_SECURE = 'lic-secure.corp.contoso.com';
const PROBES = 'rdsh-probes.corp.contoso.com';
const QUIET = 'rdsh-quiet.corp.contoso.com';
const NOISY = 'rdsh-noisy.corp.contoso.com';
const UNREADABLE = 'rdsh-unreadable-log.corp.contoso.com';
const SECURE = 'rdsh-secure.corp.contoso.com';
const OUTSIDER = 'rdsh-outsider.corp.contoso.com';
const NOW = Date.now();
const LONG_MESSAGE = `The Remote Desktop Session Host server could not contact the license server.\r\n\r\n${'Check the network. '.repeat(30)}`;

/** 55 licensing events over six days, plus ones the read must leave out. */
function noisyEvents(): DoubleState[] {
  const logs = [RCM_ADMIN, RCM_OPERATIONAL, 'System'];
  const events = Array.from({ length: 55 }, (_, index) =>
    winEvent({ id: index % 2 === 0 ? 50283 : 1131, log: logs[index % 3]!, provider: RCM_PROVIDER, time: daysAgo(index / 10, NOW) }),
  );
  events[0] = { ...events[0], Message: LONG_MESSAGE };
  return [
    ...events,
    // Older than seven days, and Group Policy's own 1129 in the System log: neither is reported.
    winEvent({ id: 1068, log: RCM_ADMIN, provider: RCM_PROVIDER, time: daysAgo(8, NOW) }),
    winEvent({ id: 1129, log: 'System', provider: 'Microsoft-Windows-GroupPolicy', time: daysAgo(0.05, NOW), message: 'The processing of Group Policy failed' }),
  ];
}

/** What the read reports of noisyEvents(): the 50 newest, newest first, messages on one line and cut. */
function expectedNoisyEvents(): LiveEvent[] {
  const logs = [RCM_ADMIN, RCM_OPERATIONAL, 'System'];
  const cut = `The Remote Desktop Session Host server could not contact the license server. ${'Check the network. '.repeat(30)}`.slice(0, 297);
  return Array.from({ length: 50 }, (_, index): LiveEvent => {
    const event: LiveEvent = { id: index % 2 === 0 ? 50283 : 1131, log: logs[index % 3]!, time: daysAgo(index / 10, NOW) };
    return index === 0 ? { ...event, message: `${cut}...` } : event;
  });
}

describeWindows('windows-read-evidence', ({ pwsh }) => {
  let double: DoubleDirectory;
  let provider: Provider;
  let state: LiveState;

  beforeAll(async () => {
    double = await createDoubleDirectory(
      {
        [PROBES]: sessionHostState({
          localMode: 4,
          localServers: [LIC01, LIC02, LIC03, '10.0.0.14', 'fd00::16', 'lic05', LIC01],
          connectivity: { [LIC01]: 11 },
          // lic01 answers through a CNAME; lic02 does not exist; lic05 is known only to the test's address map.
          dns: { [LIC01]: ['cname:ls-alias.corp.contoso.com', '10.0.0.11'], [LIC02]: null, [LIC03]: '10.0.0.13' },
          tcp: { '10.0.0.11:135': true, '10.0.0.14:135': true, '127.0.0.15:135': true, 'fd00::16:135': true },
        }),
        [QUIET]: sessionHostState({ localMode: 2, extra: { missingLogs: [RCM_OPERATIONAL] } }),
        [NOISY]: sessionHostState({ localMode: 2, localServers: [LIC01], dns: { [LIC01]: '10.0.0.11' }, events: noisyEvents() }),
        [UNREADABLE]: sessionHostState({ localMode: 2, extra: { failures: { 'Get-WinEvent:System': { throw: 'The RPC server is unavailable', hresult: '0x800706BA' } } } }),
        [LIC_SECURE]: licenseServerState({ server: { SecGroupEnabled: true, EndpointServers: ['RDSH-SECURE'] } }),
        [SECURE]: sessionHostState({ localMode: 4, localServers: ['lic-secure'] }),
        [OUTSIDER]: sessionHostState({ localMode: 4, localServers: [LIC_SECURE] }),
      },
      { '127.0.0.15': 'lic05.corp.contoso.com' },
    );
    provider = createLocalProvider(double, pwsh);
    state = await provider.read({ hosts: [PROBES, QUIET, NOISY, UNREADABLE, LIC_SECURE, SECURE, OUTSIDER], gpos: [], parallelism: 8 });
  }, 240_000);

  const host = (name: string) => state.hosts.find((h) => h.host === name);

  it('reads every host', () => {
    expect(state.errors).toEqual([]);
    expect(state.hosts.map((h) => h.host).sort()).toEqual([LIC_SECURE, NOISY, OUTSIDER, PROBES, QUIET, UNREADABLE, SECURE].sort());
  });

  it('probes each listed server from the session host: name resolution, then TCP 135 to the address found', () => {
    expect(host(PROBES)?.sessionHost?.probes).toEqual({
      [LIC01]: { resolves: true, address: '10.0.0.11', rpcPort135: true },
      // DNS fails: nothing to connect to.
      [LIC02]: { resolves: false, rpcPort135: false },
      // Resolves, but TCP 135 does not answer.
      [LIC03]: { resolves: true, address: '10.0.0.13', rpcPort135: false },
      // Listed by address: nothing to resolve.
      '10.0.0.14': { resolves: true, address: '10.0.0.14', rpcPort135: true },
      'fd00::16': { resolves: true, address: 'fd00::16', rpcPort135: true },
      lic05: { resolves: true, address: '127.0.0.15', rpcPort135: true },
    });
    expect(Object.keys(host(PROBES)?.sessionHost?.connectivity ?? {})).toEqual([LIC01, LIC02, LIC03, '10.0.0.14', 'fd00::16', 'lic05']);
  });

  it('probes nothing for a host that lists no licence server, and reports no events as an empty list', () => {
    const sessionHost = host(QUIET)?.sessionHost;
    expect(sessionHost?.probes).toEqual({});
    expect(sessionHost?.events).toEqual([]);
  });

  it('keeps the 50 newest licensing events of the last seven days, newest first, with one-line messages cut to 300 characters', () => {
    expect(host(NOISY)?.sessionHost?.events).toEqual(expectedNoisyEvents());
  });

  it('leaves events out, rather than claiming none, when a log cannot be read', () => {
    const sessionHost = host(UNREADABLE)?.sessionHost;
    expect(sessionHost).toBeDefined();
    expect(sessionHost).not.toHaveProperty('events');
  });

  it('fills the RDS Endpoint Servers of a server that enforces its security group from the session hosts that list it', () => {
    expect(host(LIC_SECURE)?.licenseServer?.discovery).toEqual({
      scope: 'domain',
      publishedInAD: true,
      inLicenseServersGroup: true,
      securityGroupEnforced: true,
      // The group knows rdsh-secure by its computer name; rdsh-outsider is not in it; rdsh-probes does not list this server.
      endpointServers: [SECURE],
    });
  });

  it('remembers the session hosts it read, so a later read of the server alone still checks them', async () => {
    const later = await provider.read({ hosts: [LIC_SECURE], gpos: [], parallelism: 2 });
    expect(later.hosts[0]?.licenseServer?.discovery.endpointServers).toEqual([SECURE]);
    const fresh = await createLocalProvider(double, pwsh).read({ hosts: [LIC_SECURE], gpos: [], parallelism: 2 });
    expect(fresh.hosts[0]?.licenseServer?.discovery).not.toHaveProperty('endpointServers');
  }, 120_000);

  it('starts no further probe once a third of the read timeout is spent, so slow ports cannot time the host out', async () => {
    const slow = await createDoubleDirectory({
      'rdsh-slow.corp.contoso.com': sessionHostState({
        localMode: 2,
        localServers: [LIC01, LIC02, LIC03],
        dns: { [LIC01]: '10.0.0.11', [LIC02]: '10.0.0.12', [LIC03]: '10.0.0.13' },
        // Each TCP test takes 9 s; the budget is 45 s / 3 = 15 s, so the third server is never
        // probed. The read ends after about 18 s, well inside its 45 s even on a loaded machine.
        extra: { tcpSeconds: 9 },
      }),
    });
    const read = await createLocalProvider(slow, pwsh, { timeoutSeconds: 45 }).read({ hosts: ['rdsh-slow.corp.contoso.com'], gpos: [], parallelism: 1 });
    expect(read.errors).toEqual([]);
    expect(read.hosts[0]?.sessionHost?.probes).toEqual({
      [LIC01]: { resolves: true, address: '10.0.0.11', rpcPort135: false },
      [LIC02]: { resolves: true, address: '10.0.0.12', rpcPort135: false },
    });
  }, 120_000);
});
