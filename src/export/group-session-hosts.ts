/**
 * Session hosts as pools: hosts that share where their settings come from (a GPO, or the same
 * local mode and server list), OS and domain membership form one pool, with its host list
 * folded into ranges. A host whose settings come from Group Policy joins the pool of the GPO
 * that reaches it (linked to its OU, or delivering exactly its values when its OU is unknown).
 * A host of an RD Connection Broker deployment whose broker was read joins the broker's pool,
 * with the values the broker pushes (or, when the broker pushes none, left to the broker).
 * Hosts the spec cannot reproduce are left out, each with the reason as a comment.
 */
import type { LiveConnectionBroker, LiveGpo, LiveHost, LiveSessionHost } from '../model/live-state.js';
import type { LicensingMode, SessionHostPoolSpec } from '../model/spec.js';
import { isOuWithin, normaliseDn } from '../providers/lab/gpo-scope.js';
import { canonicalHostName } from '../model/host-name.js';
import { isGpoCutOff } from '../model/gpo-reach.js';
import { compareNatural, foldHostRanges } from './fold-host-ranges.js';
import type { ServerNames } from './resolve-server-names.js';

export interface GroupedSessionHosts {
  pools: SessionHostPoolSpec[];
  /** One line per host left out, with the reason. */
  leftOut: string[];
  /** One line per broker that session hosts name and that was not read: their pools are local. */
  unreadBrokers: string[];
}

type SessionLiveHost = LiveHost & { sessionHost: LiveSessionHost };

type BrokerSettings = { kind: 'broker'; broker: string; values?: { licensingMode: LicensingMode; licenseServers: string[] } };

type Settings = { kind: 'gpo'; gpo: LiveGpo } | { kind: 'local'; licensingMode: LicensingMode; licenseServers: string[] } | BrokerSettings | { kind: 'none'; reason: string };

/** The brokers that were read, by canonical name: the host name as read, and what it pushes. */
export type ReadBrokers = ReadonlyMap<string, { host: string; broker: LiveConnectionBroker }>;

export function groupSessionHosts(hosts: readonly SessionLiveHost[], gpos: readonly LiveGpo[], servers: ServerNames, brokers: ReadBrokers = new Map()): GroupedSessionHosts {
  const pools = new Map<string, { settings: Exclude<Settings, { kind: 'none' }>; host: SessionLiveHost; hosts: string[] }>();
  const leftOut: string[] = [];
  const findGpo = createGpoFinder(gpos);
  const unreadBrokers = new Map<string, string>();
  for (const host of [...hosts].sort((a, b) => compareNatural(a.host, b.host))) {
    const named = host.sessionHost.connectionBroker;
    if (named !== undefined && !brokers.has(canonicalHostName(named))) unreadBrokers.set(canonicalHostName(named), named);
    const settings = brokerSettingsOf(host.sessionHost, brokers, servers) ?? settingsOf(host.sessionHost, findGpo, servers);
    if (settings.kind === 'none') {
      leftOut.push(`${host.host}: ${settings.reason}`);
      continue;
    }
    const key = poolKey(host, settings);
    const pool = pools.get(key) ?? { settings, host, hosts: [] };
    pool.hosts.push(host.host);
    pools.set(key, pool);
  }
  const names = new Set<string>();
  const result = [...pools.values()].map(({ settings, host, hosts: members }): SessionHostPoolSpec => {
    const name = uniqueName(poolName(settings, host, members), names);
    const common = {
      name,
      hosts: foldHostRanges(members),
      ...(host.os ? { os: host.os } : {}),
      ...(host.membership?.partOfDomain === false ? { workgroup: true } : {}),
    };
    if (settings.kind === 'gpo') return { ...common, configuredBy: { gpo: settings.gpo.name } };
    if (settings.kind === 'broker') {
      return settings.values === undefined ? { ...common, configuredBy: { broker: settings.broker, licensingOwner: 'broker' } } : { ...common, configuredBy: { broker: settings.broker }, ...settings.values };
    }
    return { ...common, configuredBy: 'local', licensingMode: settings.licensingMode, licenseServers: settings.licenseServers };
  });
  return {
    pools: result,
    leftOut,
    unreadBrokers: [...unreadBrokers.values()].map((broker) => `the RD Connection Broker ${broker}, whose deployment session hosts belong to, was not read: they are exported with their own settings, which the broker overrides (declare the broker in the spec and export with -f)`),
  };
}

/**
 * A host whose deployment's broker was read takes its pool from the broker. A broker that pushes
 * per-user or per-device licensing to named servers is declared with those values (rdsctl keeps
 * them there); one that pushes none, or nothing a pool can declare, is left to carry it.
 */
function brokerSettingsOf(live: LiveSessionHost, brokers: ReadBrokers, servers: ServerNames): BrokerSettings | undefined {
  if (live.connectionBroker === undefined) return undefined;
  const read = brokers.get(canonicalHostName(live.connectionBroker));
  if (read === undefined) return undefined;
  const { broker } = read;
  const mode = broker.licensingMode;
  const declarable = broker.centralLicensing !== false && (mode === 'perUser' || mode === 'perDevice') && broker.licenseServers.length > 0;
  return { kind: 'broker', broker: read.host, ...(declarable ? { values: { licensingMode: mode, licenseServers: servers.resolve(broker.licenseServers) } } : {}) };
}

function settingsOf(live: LiveSessionHost, findGpo: (live: LiveSessionHost) => LiveGpo | undefined, servers: ServerNames): Settings {
  const fromPolicy = live.licensingMode.source === 'policy' || live.licenseServers.source === 'policy';
  if (fromPolicy) {
    const gpo = findGpo(live);
    if (gpo) return { kind: 'gpo', gpo };
    return { kind: 'none', reason: 'its licensing settings come from Group Policy, from no GPO that was read (name it with --gpo NAME@DOMAIN)' };
  }
  const mode = live.licensingMode.local;
  if (mode !== 'perUser' && mode !== 'perDevice') {
    return { kind: 'none', reason: `its licensing mode is ${mode}, which a pool cannot declare (perUser or perDevice)` };
  }
  if (live.licenseServers.local.length === 0) {
    return { kind: 'none', reason: 'it lists no licence server (it relies on discovery), and a local pool names at least one' };
  }
  return { kind: 'local', licensingMode: mode, licenseServers: servers.resolve(live.licenseServers.local) };
}

/**
 * The GPO linked closest to the host's OU; without an OU, the one GPO that delivers the host's
 * policy values. Hosts share OUs, so the answer per OU is computed once.
 */
function createGpoFinder(gpos: readonly LiveGpo[]): (live: LiveSessionHost) => LiveGpo | undefined {
  // A GPO that cannot reach computers (computer settings off, Apply for users only) configures no pool.
  const candidates = gpos.filter((gpo) => gpo.exists && !isGpoCutOff(gpo) && (gpo.licensingMode !== null || gpo.licenseServers !== null));
  const links = candidates.flatMap((gpo) => gpo.links.map((link) => ({ gpo, link, depth: normaliseDn(link).split(',').length })));
  const byOu = new Map<string, LiveGpo | undefined>();
  const closestLinked = (ou: string): LiveGpo | undefined => {
    if (!byOu.has(ou)) {
      let best: (typeof links)[number] | undefined;
      for (const entry of links) if (isOuWithin(ou, entry.link) && (best === undefined || entry.depth > best.depth)) best = entry;
      byOu.set(ou, best?.gpo);
    }
    return byOu.get(ou);
  };
  return (live) => {
    const linked = live.ou === undefined ? undefined : closestLinked(live.ou);
    if (linked) return linked;
    const matching = candidates.filter((gpo) => deliversValues(gpo, live));
    return matching.length === 1 ? matching[0] : undefined;
  };
}

function deliversValues(gpo: LiveGpo, live: LiveSessionHost): boolean {
  const mode = gpo.licensingMode === null || gpo.licensingMode === live.licensingMode.policy;
  const policyServers = live.licenseServers.policy;
  const list =
    gpo.licenseServers === null ||
    (policyServers !== null && policyServers.length === gpo.licenseServers.length && policyServers.every((name, i) => canonicalHostName(name) === canonicalHostName(gpo.licenseServers?.[i] ?? '')));
  return mode && list;
}

function poolKey(host: SessionLiveHost, settings: Exclude<Settings, { kind: 'none' }>): string {
  const source =
    settings.kind === 'gpo'
      ? `gpo:${settings.gpo.name.toLowerCase()}`
      : settings.kind === 'broker'
        ? `broker:${canonicalHostName(settings.broker)}`
        : `local:${settings.licensingMode}:${settings.licenseServers.map(canonicalHostName).join(',')}`;
  return [source, host.os ?? '', host.membership?.partOfDomain === false ? 'workgroup' : ''].join('|');
}

/** The OU's name when the pool's hosts share one, else the common stem of their names. */
function poolName(settings: Exclude<Settings, { kind: 'none' }>, first: SessionLiveHost, members: readonly string[]): string {
  const ou = first.sessionHost.ou;
  const ouName = ou === undefined ? undefined : /^\s*OU\s*=\s*([^,]+)/i.exec(ou)?.[1];
  if (ouName !== undefined && settings.kind === 'gpo') return slug(ouName);
  const stem = members.map((name) => name.split('.')[0]?.replace(/[-_]?\d+$/, '') ?? '').reduce((a, b) => (a === b ? a : ''));
  if (stem !== '') return `${slug(stem)}${settings.kind === 'local' ? `-${settings.licensingMode === 'perUser' ? 'user' : 'device'}` : ''}`;
  if (settings.kind === 'broker') return slug(settings.broker.split('.')[0] ?? settings.broker);
  return settings.kind === 'gpo' ? slug(settings.gpo.name) : `local-${settings.licensingMode === 'perUser' ? 'user' : 'device'}`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'pool';
}

function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let n = 2; taken.has(name); n += 1) name = `${wanted}-${n}`;
  taken.add(name);
  return name;
}
