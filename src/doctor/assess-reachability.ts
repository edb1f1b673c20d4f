/**
 * Can a session host reach one of its licence servers? The host's own verdict
 * (`GetTStoLSConnectivityStatus`, windows-reference.md §1.7) is the authority: when it says the
 * server is valid, it is, whatever a probe says. The probes (name resolution, TCP 135) and the
 * server's own state (licensing service, RD Licensing firewall rule group) explain a bad verdict,
 * and stand in for it when the host could not give one.
 */
import { matchHostName } from '../model/host-name.js';
import type { HostError, LicenseServerConnectivity, LicenseServerProbe, LiveHost } from '../model/live-state.js';
import type { Evidence } from './finding.js';
import { describeFirewallPolicyHold, effectiveRuleGroup } from '../model/firewall-policy.js';

export type ReachBlockId =
  | 'RDSL-DNS-FAILURE'
  | 'RDSL-RPC-BLOCKED'
  | 'RDSL-FIREWALL-DISABLED'
  | 'RDSL-FIREWALL-POLICY-BLOCKS'
  | 'RDSL-LS-SERVICE-STOPPED'
  | 'RDSL-LS-UNREACHABLE'
  | 'RDSL-HOST-NOT-IN-ENDPOINT-GROUP'
  | 'RDSL-CAL-VERSION-TOO-NEW-FOR-LS';

export type ReachVerdict =
  | { state: 'ok' | 'unknown'; evidence: readonly Evidence[] }
  | { state: 'blocked'; id: ReachBlockId; detail: string; evidence: readonly Evidence[] };

export interface ReachRequest {
  /** The session host. */
  host: LiveHost;
  /** The server's name as the host lists it. */
  listed: string;
  /** The server's live state, when rdsctl could read it. */
  server?: LiveHost;
  serverError?: HostError;
}

const UNKNOWN_CODES = new Set([0, 7, 8]);

export function assessReachability({ host, listed, server, serverError }: ReachRequest): ReachVerdict {
  const verdict = lookup(host.sessionHost?.connectivity, listed);
  const probe = lookup(host.sessionHost?.probes, listed);
  const evidence = collectEvidence(host.host, listed, verdict, probe, server, serverError);
  const name = server?.host ?? listed;
  if (verdict?.healthy) return { state: 'ok', evidence };
  if (verdict?.code === 5) {
    return { state: 'blocked', id: 'RDSL-HOST-NOT-IN-ENDPOINT-GROUP', detail: `${name} only serves hosts in its RDS Endpoint Servers group, and ${host.host} is not in it`, evidence };
  }
  if (verdict?.code === 4) {
    return { state: 'blocked', id: 'RDSL-CAL-VERSION-TOO-NEW-FOR-LS', detail: `${name} runs an older Windows Server version than ${host.host} and cannot license it`, evidence };
  }
  const explained = explain(host, listed, probe, server, serverError);
  if (explained) return { ...explained, state: 'blocked', evidence };
  // No verdict, or a check that failed or ran out of its budget: the probes stand in for it.
  if (verdict?.code === undefined) return { state: probe && server?.licenseServer ? 'ok' : 'unknown', evidence };
  if (UNKNOWN_CODES.has(verdict.code)) return { state: 'unknown', evidence };
  return { state: 'blocked', id: 'RDSL-LS-UNREACHABLE', detail: `${host.host} cannot connect to ${name} (${verdict.status})`, evidence };
}

function explain(
  host: LiveHost,
  listed: string,
  probe: LicenseServerProbe | undefined,
  server: LiveHost | undefined,
  serverError: HostError | undefined,
): { id: ReachBlockId; detail: string } | undefined {
  const hostName = host.host;
  const name = server?.host ?? listed;
  const ls = server?.licenseServer;
  if (probe && !probe.resolves) return { id: 'RDSL-DNS-FAILURE', detail: `${hostName} cannot resolve the name ${listed}` };
  if (probe && !probe.rpcPort135) {
    const firewall = ls && explainFirewall(ls.firewall, name);
    if (firewall) return { ...firewall, detail: `${firewall.detail}, so session hosts get no answer on TCP 135` };
    if (serverError?.code === 'HOST_UNREACHABLE' || serverError?.code === 'HOST_TIMEOUT') {
      return { id: 'RDSL-LS-UNREACHABLE', detail: `${name} answers neither ${hostName} (TCP 135) nor rdsctl: it is down or off the network` };
    }
    return { id: 'RDSL-RPC-BLOCKED', detail: `TCP 135 on ${name} does not answer from ${hostName}: something between them blocks RPC` };
  }
  if (ls && ls.service.state !== 'running') {
    return { id: 'RDSL-LS-SERVICE-STOPPED', detail: `the Remote Desktop Licensing service (TermServLicensing) on ${name} is ${ls.service.state}` };
  }
  const firewall = !probe && ls ? explainFirewall(ls.firewall, name) : undefined;
  if (firewall) return firewall;
  if (ls?.discovery.securityGroupEnforced && !(ls.discovery.endpointServers ?? []).some((member) => matchHostName(member, host.host, host.addresses ?? []) !== 'different')) {
    return { id: 'RDSL-HOST-NOT-IN-ENDPOINT-GROUP', detail: `${name} only serves hosts in its RDS Endpoint Servers group, and ${hostName} is not in it` };
  }
  if (server && !ls) return { id: 'RDSL-LS-UNREACHABLE', detail: `${name} is not a licence server (the RD Licensing role is not installed)` };
  return undefined;
}

/** The rule group not in effect: disabled locally (apply enables it), or held by Group Policy (a local change does nothing). */
function explainFirewall(firewall: NonNullable<LiveHost['licenseServer']>['firewall'], name: string): { id: ReachBlockId; detail: string } | undefined {
  const effective = effectiveRuleGroup(firewall);
  if (effective === 'enabled') return undefined;
  const held = describeFirewallPolicyHold(firewall, true);
  if (held.length > 0) {
    return { id: 'RDSL-FIREWALL-POLICY-BLOCKS', detail: `the Remote Desktop Licensing Server firewall rule group on ${name} is ${firewall.ruleGroup} locally but ${effective} in effect: ${held.join('; ')}` };
  }
  return { id: 'RDSL-FIREWALL-DISABLED', detail: `the Remote Desktop Licensing Server firewall rule group on ${name} is ${effective}` };
}

function collectEvidence(
  hostName: string,
  listed: string,
  verdict: LicenseServerConnectivity | undefined,
  probe: LicenseServerProbe | undefined,
  server: LiveHost | undefined,
  serverError: HostError | undefined,
): Evidence[] {
  const evidence: Evidence[] = [];
  if (verdict) evidence.push({ host: hostName, item: `GetTStoLSConnectivityStatus(${listed})`, value: describeVerdict(verdict), source: 'wmi' });
  if (probe) {
    evidence.push({ host: hostName, item: `resolve ${listed}`, value: probe.resolves ? (probe.address ?? 'resolved') : 'no answer', source: 'probe' });
    if (probe.resolves) evidence.push({ host: hostName, item: `TCP 135 to ${listed}`, value: probe.rpcPort135 ? 'open' : 'no answer', source: 'probe' });
  }
  const ls = server?.licenseServer;
  if (ls && server) {
    evidence.push({ host: server.host, item: 'TermServLicensing service', value: ls.service.state, source: 'wmi' });
    evidence.push({ host: server.host, item: 'Remote Desktop Licensing Server firewall rule group', value: ls.firewall.ruleGroup, source: 'wmi' });
    if (ls.firewall.effectiveRuleGroup !== undefined && ls.firewall.effectiveRuleGroup !== ls.firewall.ruleGroup) {
      evidence.push({ host: server.host, item: 'the rule group in effect (ActiveStore)', value: ls.firewall.effectiveRuleGroup, source: 'policy' });
    }
  }
  if (serverError) evidence.push({ host: serverError.host, item: 'read by rdsctl', value: serverError.message, source: 'read' });
  return evidence;
}

/** Keys are names as the host lists them; look them up exactly, then case-insensitively. */
function lookup<T>(map: Readonly<Record<string, T>> | undefined, listed: string): T | undefined {
  if (!map) return undefined;
  const exact = map[listed];
  if (exact !== undefined) return exact;
  const wanted = listed.toLowerCase();
  const key = Object.keys(map).find((candidate) => candidate.toLowerCase() === wanted);
  return key === undefined ? undefined : map[key];
}

function describeVerdict(verdict: LicenseServerConnectivity): string {
  if (verdict.code === undefined) return verdict.error ? `${verdict.status}: ${verdict.error}` : verdict.status;
  return `${verdict.status} (${verdict.code})`;
}
