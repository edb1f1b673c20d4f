import { describe, expect, it } from 'vitest';
import type { LiveHost } from '../../model/live-state.js';
import type { LabHost } from './lab-estate.js';
import { createLabHostFinder, createProbeSimulator, withSimulatedProbes } from './simulate-probes.js';

function server(name: string, edit: (host: LabHost) => void = () => undefined): LabHost {
  const host: LabHost = {
    host: name,
    os: 'windowsServer2022',
    addresses: ['10.0.0.11'],
    licenseServer: {
      activation: { status: 'activated' },
      discovery: { scope: 'domain', publishedInAD: true },
      service: { state: 'running' },
      firewall: { ruleGroup: 'enabled', rules: [{ name: 'TermServLicensing-RPCSS-In-TCP', enabled: true }] },
      keyPacks: [],
    },
  };
  edit(host);
  return host;
}

function sessionHost(servers: string[], edit: (host: LiveHost) => void = () => undefined): LiveHost {
  const host: LiveHost = {
    host: 'rdsh01.corp.contoso.com',
    os: 'windowsServer2022',
    sessionHost: {
      roleInstalled: true,
      licensingMode: { local: 'perUser', policy: null, effective: 'perUser', source: 'local' },
      licenseServers: { local: servers, policy: null, effective: servers, source: 'local' },
      graceDaysLeft: 0,
      termService: { state: 'running' },
      activeSessions: 0,
    },
  };
  edit(host);
  return host;
}

function probe(target: LabHost | undefined, listed = 'lic01.corp.contoso.com') {
  const found = withSimulatedProbes(sessionHost([listed]), () => target).sessionHost;
  return { probe: found?.probes?.[listed], verdict: found?.connectivity?.[listed] };
}

describe('simulated probes and connectivity verdicts', () => {
  it('sees a healthy licence server as resolvable, open on TCP 135 and LS_CONNECTABLE_VALID_LS', () => {
    expect(probe(server('lic01.corp.contoso.com'))).toEqual({
      probe: { resolves: true, address: '10.0.0.11', rpcPort135: true },
      verdict: { code: 11, status: 'LS_CONNECTABLE_VALID_LS', healthy: true },
    });
  });

  it('fails name resolution for an unresolvable or unknown server', () => {
    const unresolvable = server('lic01.corp.contoso.com', (host) => (host.lab = { resolvable: false }));
    expect(probe(unresolvable)).toEqual({
      probe: { resolves: false, rpcPort135: false },
      verdict: { code: 6, status: 'LS_NOT_CONNECTABLE', healthy: false },
    });
    expect(probe(undefined).probe).toEqual({ resolves: false, rpcPort135: false });
  });

  it('closes TCP 135 when the rule group is disabled, RPC is blocked or the host is down', () => {
    const disabled = server('lic01.corp.contoso.com', (host) => (host.licenseServer!.firewall = { ruleGroup: 'disabled', rules: [] }));
    expect(probe(disabled).probe).toEqual({ resolves: true, address: '10.0.0.11', rpcPort135: false });
    expect(probe(server('lic01', (host) => (host.lab = { rpcOpen: false }))).probe?.rpcPort135).toBe(false);
    expect(probe(server('lic01', (host) => (host.lab = { reachable: false }))).probe?.rpcPort135).toBe(false);
    expect(probe(disabled).verdict?.status).toBe('LS_NOT_CONNECTABLE');
  });

  it('keeps TCP 135 open but the verdict not connectable when the licensing service is stopped', () => {
    const stopped = server('lic01', (host) => (host.licenseServer!.service = { state: 'stopped' }));
    expect(probe(stopped)).toEqual({
      probe: { resolves: true, address: '10.0.0.11', rpcPort135: true },
      verdict: { code: 6, status: 'LS_NOT_CONNECTABLE', healthy: false },
    });
  });

  it('reports LS_CONNECTABLE_NOT_IN_TSCGROUP when the server enforces its security group without this host', () => {
    const enforced = server('lic01', (host) => (host.licenseServer!.discovery = { scope: 'domain', publishedInAD: true, securityGroupEnforced: true, endpointServers: [] }));
    expect(probe(enforced).verdict).toEqual({ code: 5, status: 'LS_CONNECTABLE_NOT_IN_TSCGROUP', healthy: false });
    enforced.licenseServer!.discovery.endpointServers = ['RDSH01'];
    expect(probe(enforced).verdict?.healthy).toBe(true);
  });

  it('reports a licence server older than the session host as LS_CONNECTABLE_LOWER_VERSION', () => {
    expect(probe(server('lic01', (host) => (host.os = 'windowsServer2019'))).verdict?.status).toBe('LS_CONNECTABLE_LOWER_VERSION');
  });

  it('keeps probes and verdicts the estate records (a replayed real read)', () => {
    const recorded = sessionHost(['lic01'], (host) => (host.sessionHost!.connectivity = { lic01: { code: 0, status: 'LS_CONNECTABLE_UNKNOWN', healthy: false } }));
    const result = withSimulatedProbes(recorded, () => server('lic01')).sessionHost;
    expect(result?.connectivity).toEqual({ lic01: { code: 0, status: 'LS_CONNECTABLE_UNKNOWN', healthy: false } });
    expect(result?.probes?.lic01?.rpcPort135).toBe(true);
  });

  it('finds a server listed by address, and resolves it without DNS', () => {
    const lic01 = server('lic01.corp.contoso.com', (host) => (host.lab = { resolvable: false }));
    const find = createLabHostFinder(() => undefined, () => [lic01]);
    const result = withSimulatedProbes(sessionHost(['10.0.0.11']), find).sessionHost;
    expect(result?.probes?.['10.0.0.11']).toEqual({ resolves: true, address: '10.0.0.11', rpcPort135: true });
  });

  it('judges each host of a shared server list on its own when the server enforces its security group', () => {
    const enforced = server('lic01', (host) => (host.licenseServer!.discovery = { scope: 'domain', publishedInAD: true, securityGroupEnforced: true, endpointServers: ['rdsh01'] }));
    const simulate = createProbeSimulator(() => enforced);
    const member = simulate(sessionHost(['lic01'])).sessionHost;
    const outsider = simulate(sessionHost(['lic01'], (host) => (host.host = 'rdsh02.corp.contoso.com'))).sessionHost;
    const memberAgain = simulate(sessionHost(['lic01'])).sessionHost;
    expect([member?.connectivity?.lic01?.status, outsider?.connectivity?.lic01?.status, memberAgain?.connectivity?.lic01?.status]).toEqual([
      'LS_CONNECTABLE_VALID_LS',
      'LS_CONNECTABLE_NOT_IN_TSCGROUP',
      'LS_CONNECTABLE_VALID_LS',
    ]);
    expect(outsider?.probes).toEqual(member?.probes);
  });

  it('judges hosts of one server list by their own OS', () => {
    const lic01 = server('lic01', (host) => (host.os = 'windowsServer2019'));
    const simulate = createProbeSimulator(() => lic01);
    const newer = simulate(sessionHost(['lic01'])).sessionHost;
    const same = simulate(sessionHost(['lic01'], (host) => (host.os = 'windowsServer2019'))).sessionHost;
    expect([newer?.connectivity?.lic01?.status, same?.connectivity?.lic01?.status]).toEqual(['LS_CONNECTABLE_LOWER_VERSION', 'LS_CONNECTABLE_VALID_LS']);
  });

  it('leaves hosts that are not session hosts, or list no server, alone', () => {
    const lic01 = server('lic01');
    expect(withSimulatedProbes(lic01, () => undefined)).toBe(lic01);
    const none = sessionHost([]);
    expect(withSimulatedProbes(none, () => undefined)).toBe(none);
  });
});
