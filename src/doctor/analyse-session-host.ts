/**
 * Follows one session host's licensing path the way Windows does: its effective mode, then its
 * licence servers in list order (or, with no list, the servers AD discovery would find), each
 * judged for reachability and for CAL supply. The first server that passes both is the one
 * that licenses the host. When none does, `block` names the one cause to fix, as a finding key,
 * so that every consequence (an expired grace period, refusals) groups under it.
 */
import type { DesiredSessionHost } from '../engine/desired-model.js';
import { canonicalHostName } from '../model/host-name.js';
import type { LiveHost, LiveLicensingMode, LiveSessionHost } from '../model/live-state.js';
import type { LicensingMode } from '../model/spec.js';
import { assessCalSupply, type SupplyBlockId, type SupplyVerdict } from './assess-cal-supply.js';
import { assessReachability, type ReachBlockId, type ReachVerdict } from './assess-reachability.js';
import type { EstateView } from './estate-view.js';
import { findingKey, type FindingId } from './finding.js';

export interface Block {
  id: FindingId;
  /** Key of the finding that explains the block (the root cause). */
  key: string;
  detail: string;
}

export interface ServerAttempt {
  listed: string;
  /** The server's live state, when read. */
  server?: LiveHost;
  reach: ReachVerdict;
  /** Absent when the host's mode is not configured or the server was not reachable. */
  supply?: SupplyVerdict;
  works: boolean;
  block?: Block;
}

/** What the spec intends for a host whose effective licence-server list differs from it. */
export interface IntendedPath {
  mode: LiveLicensingMode;
  /** The spec's list, in failover order. */
  servers: readonly string[];
  /** The intended servers the host does not list yet, judged as the host would after apply. */
  attempts: readonly ServerAttempt[];
  /** Key of the RDSL-LICENSE-SERVERS-DIFFER finding about the host. */
  key: string;
}

export interface SessionHostAnalysis {
  host: LiveHost;
  sessionHost: LiveSessionHost;
  desired?: DesiredSessionHost;
  mode: LiveLicensingMode;
  attempts: readonly ServerAttempt[];
  /** True when the host lists no server and the attempts are AD discovery's. */
  viaDiscovery: boolean;
  working?: ServerAttempt;
  /** Why no server licenses the host; absent when one does. */
  block?: Block;
  /** Present when the spec intends other licence servers (or another order) than the host uses. */
  intended?: IntendedPath;
}

export type SupplyCache = Map<string, SupplyVerdict>;

export function analyseSessionHost(host: LiveHost, view: EstateView, now: string, cache: SupplyCache): SessionHostAnalysis {
  const sessionHost = host.sessionHost as LiveSessionHost;
  const desired = view.desiredSessionHost(host.host);
  const mode = sessionHost.licensingMode.effective;
  const listed = sessionHost.licenseServers.effective;
  const viaDiscovery = listed.length === 0;
  const names = viaDiscovery ? view.discoverableServers.map((server) => server.host) : listed;
  const attempts = names.map((name) => attemptServer(host, name, mode, view, now, cache));
  const working = attempts.find((attempt) => attempt.works);
  const intended = desired && !viaDiscovery ? intendedPathOf(host, desired.pool, mode, listed, view, now, cache) : undefined;
  const base = { host, sessionHost, desired, mode, attempts, viaDiscovery, working, ...(intended ? { intended } : {}) };
  if (mode === 'notConfigured') {
    return { ...base, working: undefined, block: { id: 'RDSL-MODE-NOT-CONFIGURED', key: findingKey('RDSL-MODE-NOT-CONFIGURED'), detail: `${host.host} has no licensing mode` } };
  }
  if (mode === 'perUser' && desired?.workgroup) {
    const key = findingKey('RDSL-PER-USER-WORKGROUP', desired.pool);
    return { ...base, working: undefined, block: { id: 'RDSL-PER-USER-WORKGROUP', key, detail: `${host.host} is in a workgroup, where per-user CALs cannot be tracked` } };
  }
  if (working) return base;
  if (intended && intended.attempts.length > 0) {
    // A broker pushed the list: converging it means converging the broker, one cause for all its hosts.
    const broker = sessionHost.connectionBroker;
    if (broker !== undefined) {
      const detail = `${host.host} uses ${listNames(listed)}, pushed by RD Connection Broker ${broker}, but the spec intends ${listNames(intended.servers)}`;
      return { ...base, block: { id: 'RDSL-BROKER-DISAGREES', key: findingKey('RDSL-BROKER-DISAGREES', canonicalHostName(broker)), detail } };
    }
    const detail = `${host.host} uses ${listNames(listed)}, but the spec intends ${listNames(intended.servers)}`;
    return { ...base, block: { id: 'RDSL-LICENSE-SERVERS-DIFFER', key: intended.key, detail } };
  }
  return { ...base, block: chooseBlock(host, sessionHost, attempts, viaDiscovery, view, now, cache) };
}

function intendedPathOf(
  host: LiveHost,
  pool: string,
  mode: LiveLicensingMode,
  listed: readonly string[],
  view: EstateView,
  now: string,
  cache: SupplyCache,
): IntendedPath | undefined {
  const settings = view.intendedSettings(host.host);
  if (!settings?.licenseServers || settings.licenseServers.length === 0) return undefined;
  const identify = (name: string): string => canonicalHostName(view.host(name)?.host ?? name);
  const current = listed.map(identify);
  const servers = settings.licenseServers;
  if (servers.length === current.length && servers.every((name, index) => identify(name) === current[index])) return undefined;
  const intendedMode = settings.licensingMode ?? mode;
  const attempts = servers.filter((name) => !current.includes(identify(name))).map((name) => attemptServer(host, name, intendedMode, view, now, cache));
  return { mode: intendedMode, servers, attempts, key: findingKey('RDSL-LICENSE-SERVERS-DIFFER', pool) };
}

function listNames(names: readonly string[]): string {
  return names.length === 0 ? 'no licence server' : names.join(', ');
}

function attemptServer(host: LiveHost, listed: string, mode: LiveLicensingMode, view: EstateView, now: string, cache: SupplyCache): ServerAttempt {
  const server = view.host(listed);
  const reach = assessReachability({ host, listed, server, serverError: view.error(listed) });
  if (reach.state === 'blocked') return { listed, server, reach, works: false, block: blockOf(reach.id, reach.detail, server?.host ?? listed, mode, host) };
  // Only the spec's two modes draw CALs a supply can be assessed for (0/1/6 are read, not assessed).
  if ((mode !== 'perUser' && mode !== 'perDevice') || !server?.licenseServer) return { listed, server, reach, works: false };
  if (mode === 'perUser' && server.membership?.partOfDomain === false) {
    const detail = `${server.host} is not in a domain${server.membership.workgroup ? ` (workgroup ${server.membership.workgroup})` : ''}, so it cannot track per-user CALs`;
    return { listed, server, reach, works: false, block: { id: 'RDSL-PER-USER-WORKGROUP', key: findingKey('RDSL-PER-USER-WORKGROUP', canonicalHostName(server.host)), detail } };
  }
  const supply = supplyOf(server, mode, host, now, cache);
  if (supply.state === 'blocked') return { listed, server, reach, supply, works: false, block: blockOf(supply.id, supply.detail, server.host, mode, host) };
  return { listed, server, reach, supply, works: supply.state === 'ok' || reach.state === 'ok' };
}

function supplyOf(server: LiveHost, mode: LicensingMode, host: LiveHost, now: string, cache: SupplyCache): SupplyVerdict {
  const key = `${canonicalHostName(server.host)}|${mode}|${host.os ?? ''}`;
  let verdict = cache.get(key);
  if (!verdict) {
    verdict = assessCalSupply({ serverName: server.host, server: server.licenseServer!, mode, hostOs: host.os, now });
    cache.set(key, verdict);
  }
  return verdict;
}

/** The finding key a block groups under: per server, plus the mode or OS when the cause depends on them. */
export function blockOf(id: ReachBlockId | SupplyBlockId, detail: string, server: string, mode: LiveLicensingMode, host: LiveHost): Block {
  const name = canonicalHostName(server);
  switch (id) {
    case 'RDSL-CAL-TYPE-MISMATCH':
      return { id, detail, key: findingKey(id, `${name}|${mode}`) };
    case 'RDSL-CAL-VERSION-OLD':
      return { id, detail, key: findingKey(id, `${name}|${mode}|${host.os ?? ''}`) };
    case 'RDSL-CALS-EXHAUSTED':
      return { id, detail, key: findingKey(id, `${name}|${mode}`) };
    default:
      return { id, detail, key: findingKey(id, name) };
  }
}

/**
 * The cause to fix when no server works: a server the estate knows beats a name nobody can
 * resolve (usually a decommissioned entry); among those, the first listed. A policy value that
 * overrides a local value which would have worked is the root cause itself.
 */
function chooseBlock(
  host: LiveHost,
  sessionHost: LiveSessionHost,
  attempts: readonly ServerAttempt[],
  viaDiscovery: boolean,
  view: EstateView,
  now: string,
  cache: SupplyCache,
): Block | undefined {
  if (viaDiscovery) {
    return { id: 'RDSL-NO-LICENSE-SERVER', key: findingKey('RDSL-NO-LICENSE-SERVER'), detail: `${host.host} lists no licence server and AD discovery finds none that can license it` };
  }
  const blocked = attempts.filter((attempt) => attempt.block !== undefined);
  const chosen = (blocked.find((attempt) => attempt.server?.licenseServer !== undefined) ?? blocked[0])?.block;
  if (!chosen) return undefined;
  const override = policyOverrideBlock(host, sessionHost, view, now, cache);
  return override ?? chosen;
}

function policyOverrideBlock(host: LiveHost, sessionHost: LiveSessionHost, view: EstateView, now: string, cache: SupplyCache): Block | undefined {
  const layers = sessionHost.licensingMode;
  if (layers.source !== 'policy' || layers.local === 'notConfigured' || layers.local === layers.effective) return undefined;
  const local = layers.local;
  const works = sessionHost.licenseServers.effective.some((listed) => attemptServer(host, listed, local, view, now, cache).works);
  if (!works) return undefined;
  return {
    id: 'RDSL-POLICY-OVERRIDES-LOCAL',
    key: policyOverrideKey('licensingMode', String(layers.effective), local),
    detail: `Group Policy sets the licensing mode of ${host.host} to ${String(layers.effective)}, overriding its local ${local}, which would work`,
  };
}

export function policyOverrideKey(setting: string, policyValue: string, localValue: string): string {
  return findingKey('RDSL-POLICY-OVERRIDES-LOCAL', `${setting}|${policyValue}|${localValue}`);
}
