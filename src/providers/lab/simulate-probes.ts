/**
 * What a simulated session host sees of the licence servers it lists: the probes (name
 * resolution, TCP 135) and, unless the estate records one, the host's own connectivity
 * verdict (`GetTStoLSConnectivityStatus`, windows-reference.md §1.7). Both follow from the
 * target's simulation fields (`resolvable`, `rpcOpen`, `reachable`) and from its licensing
 * service, firewall rule group, security-group policy and OS, so they change when apply
 * changes the target.
 */
import { canonicalHostName, isIpAddress, matchHostName } from '../../model/host-name.js';
import type { LicenseServerConnectivity, LicenseServerProbe, LiveHost, LiveSessionHost } from '../../model/live-state.js';
import { osVersionRank } from '../../model/os-version.js';
import type { LabHost } from './lab-estate.js';
import { effectiveRuleGroup } from '../../model/firewall-policy.js';

/** Finds an estate host by a name as a session host lists it (FQDN, short name or address). */
export type FindLabHost = (listed: string) => LabHost | undefined;

const RPC_EPMAP_RULE = 'TermServLicensing-RPCSS-In-TCP';

const VERDICTS = {
  lowerVersion: { code: 4, status: 'LS_CONNECTABLE_LOWER_VERSION', healthy: false },
  notInGroup: { code: 5, status: 'LS_CONNECTABLE_NOT_IN_TSCGROUP', healthy: false },
  notConnectable: { code: 6, status: 'LS_NOT_CONNECTABLE', healthy: false },
  valid: { code: 11, status: 'LS_CONNECTABLE_VALID_LS', healthy: true },
} as const satisfies Record<string, LicenseServerConnectivity>;

/** `host` with probes and connectivity for each licence server it lists; unchanged when not a session host. */
export function withSimulatedProbes(host: LiveHost, findHost: FindLabHost): LiveHost {
  return createProbeSimulator(findHost)(host);
}

interface SharedObservations {
  probes: Record<string, LicenseServerProbe>;
  /** Absent when a verdict depends on the host itself (a server enforcing its security group). */
  connectivity: Record<string, LicenseServerConnectivity> | undefined;
}

/**
 * `withSimulatedProbes` for many hosts read at once. Thousands of session hosts list the same
 * few servers: hosts with the same list and OS share one record of probes and one of verdicts
 * (read-only, as everything a read returns), computed once per read.
 */
export function createProbeSimulator(findHost: FindLabHost): (host: LiveHost) => LiveHost {
  const shared = new Map<string, SharedObservations>();
  const observe = (host: LiveHost, listedServers: readonly string[]): SharedObservations => {
    const probes: Record<string, LicenseServerProbe> = {};
    const connectivity: Record<string, LicenseServerConnectivity> = {};
    let hostIndependent = true;
    for (const listed of listedServers) {
      const target = findHost(listed);
      const probe = probeServer(listed, target);
      probes[listed] = probe;
      connectivity[listed] = judgeConnectivity(host, probe, target);
      if (target?.licenseServer?.discovery.securityGroupEnforced === true) hostIndependent = false;
    }
    return { probes, connectivity: hostIndependent ? connectivity : undefined };
  };
  return (host) => {
    const sessionHost = host.sessionHost;
    if (!sessionHost || sessionHost.licenseServers.effective.length === 0) return host;
    if (sessionHost.probes !== undefined && sessionHost.connectivity !== undefined) return host;
    const listedServers = sessionHost.licenseServers.effective;
    const key = sharingKey(host, listedServers);
    let observations = key === undefined ? undefined : shared.get(key);
    if (observations === undefined) {
      observations = observe(host, listedServers);
      if (key !== undefined) shared.set(key, observations);
    }
    const connectivity = observations.connectivity ?? ownConnectivity(host, listedServers, findHost);
    // Object.assign copies as a spread would (the schema admits no `__proto__` key here) and
    // costs a fraction of a spread on Node.js 20 at 100,000 hosts.
    const simulated: LiveSessionHost = Object.assign({}, sessionHost, { probes: sessionHost.probes ?? observations.probes, connectivity: sessionHost.connectivity ?? connectivity });
    return Object.assign({}, host, { sessionHost: simulated });
  };
}

/** The OS and server list, one per line; none when a name holds a line break and so could be confused. */
function sharingKey(host: LiveHost, listedServers: readonly string[]): string | undefined {
  if (listedServers.some((listed) => listed.includes('\n'))) return undefined;
  return `${host.os ?? ''}\n${listedServers.join('\n')}`;
}

/** Verdicts computed for this host alone. */
function ownConnectivity(host: LiveHost, listedServers: readonly string[], findHost: FindLabHost): Record<string, LicenseServerConnectivity> {
  const connectivity: Record<string, LicenseServerConnectivity> = {};
  for (const listed of listedServers) {
    const target = findHost(listed);
    connectivity[listed] = judgeConnectivity(host, probeServer(listed, target), target);
  }
  return connectivity;
}

export function probeServer(listed: string, target: LabHost | undefined): LicenseServerProbe {
  const byAddress = isIpAddress(listed);
  const resolves = byAddress || (target !== undefined && target.lab?.resolvable !== false);
  if (!resolves) return { resolves: false, rpcPort135: false };
  const address = byAddress ? listed : target?.addresses?.[0];
  const up = target !== undefined && target.lab?.reachable !== false && target.lab?.rpcOpen !== false;
  const probe: LicenseServerProbe = { resolves: true, rpcPort135: up && isEndpointMapperOpen(target) };
  return address === undefined ? probe : { ...probe, address };
}

/** A licence server's RD Licensing rule group lets TCP 135 in; a host without the role is judged by `rpcOpen` alone. */
function isEndpointMapperOpen(target: LabHost): boolean {
  const firewall = target.licenseServer?.firewall;
  if (!firewall) return true;
  // What is in effect decides: Group Policy may deploy the rules or ignore the local ones.
  const group = effectiveRuleGroup(firewall);
  if (group === 'enabled') return true;
  if (group !== 'partial') return false;
  return firewall.rules.some((rule) => rule.name === RPC_EPMAP_RULE && (rule.effectiveEnabled ?? rule.enabled));
}

function judgeConnectivity(host: LiveHost, probe: LicenseServerProbe, target: LabHost | undefined): LicenseServerConnectivity {
  const server = target?.licenseServer;
  if (!probe.rpcPort135 || !server || server.service.state !== 'running') return VERDICTS.notConnectable;
  const discovery = server.discovery;
  if (discovery.securityGroupEnforced === true && !(discovery.endpointServers ?? []).some((member) => isSameHost(member, host))) {
    return VERDICTS.notInGroup;
  }
  if (host.os !== undefined && target.os !== undefined && osVersionRank(target.os) < osVersionRank(host.os)) return VERDICTS.lowerVersion;
  return VERDICTS.valid;
}

function isSameHost(member: string, host: LiveHost): boolean {
  return canonicalHostName(member) === canonicalHostName(host.host) || matchHostName(member, host.host, host.addresses ?? []) !== 'different';
}

/**
 * Looks hosts up by name through the store, and by address for servers listed by address.
 * Answers are remembered: thousands of session hosts list the same few servers, and a finder
 * lives for one read, during which the estate does not change.
 */
export function createLabHostFinder(findByName: (name: string) => LabHost | undefined, hosts: () => readonly LabHost[]): FindLabHost {
  let byAddress: Map<string, LabHost> | undefined;
  const answers = new Map<string, LabHost | undefined>();
  const find = (listed: string): LabHost | undefined => {
    const found = findByName(listed);
    if (found || !isIpAddress(listed)) return found;
    byAddress ??= new Map(hosts().flatMap((host) => (host.addresses ?? []).map((address) => [address.toLowerCase(), host] as const)));
    return byAddress.get(listed.toLowerCase());
  };
  return (listed) => {
    if (answers.has(listed)) return answers.get(listed);
    const found = find(listed);
    answers.set(listed, found);
    return found;
  };
}
