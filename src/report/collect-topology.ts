/**
 * The topology: session-host pools → licence servers in failover order. A pool is one node with
 * a host count (readable at hundreds of hosts); each edge counts the pool's hosts by their own
 * connectivity verdict for that server (`GetTStoLSConnectivityStatus`). Without a spec, hosts
 * that list the same servers (by any of their names) from the same source form one pool. A pool
 * named in `expand` also lists each of its hosts with its own edges, to be drawn one by one.
 */
import type { DoctorContext } from '../doctor/doctor-context.js';
import { canonicalHostName } from '../model/host-name.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import type { LiveHost } from '../model/live-state.js';
import type { Anchors } from './report-anchors.js';
import type { Topology, TopologyEdge, TopologyHost, TopologyPool, TopologyServer } from './report-data.js';

interface PoolDraft {
  name: string;
  gpo?: string;
  hosts: number;
  edges: Map<string, TopologyEdge>;
  members?: TopologyHost[];
}

export function collectTopology(context: DoctorContext, anchors: Anchors, expand: ReadonlySet<string> = new Set()): Topology {
  const servers = new Map<string, TopologyServer>();
  const serverNode = (listed: string): TopologyServer => {
    const live = context.view.host(listed);
    const name = live?.licenseServer ? live.host : listed;
    const key = canonicalHostName(name);
    const known = servers.get(key);
    if (known) return known;
    const node = { anchor: anchors.of('server', name), name, read: live?.licenseServer !== undefined };
    servers.set(key, node);
    return node;
  };
  for (const server of context.view.licenseServers) serverNode(server.host);
  for (const server of context.input.desired?.licenseServers ?? []) serverNode(server.host);

  const pools = new Map<string, PoolDraft>();
  const gpoOf = new Map((context.input.desired?.sessionHosts ?? []).map((entry) => [entry.pool, entry.settings.kind === 'gpo' ? entry.settings.gpo : undefined] as const));
  for (const entry of context.input.desired?.sessionHosts ?? []) {
    const draft = pools.get(entry.pool) ?? { name: entry.pool, ...(gpoOf.get(entry.pool) ? { gpo: gpoOf.get(entry.pool)! } : {}), hosts: 0, edges: new Map() };
    draft.hosts += 1;
    pools.set(entry.pool, draft);
  }
  for (const analysis of context.sessionHosts) {
    const listed = analysis.sessionHost.licenseServers.effective;
    const name = analysis.desired?.pool ?? describeUndeclaredPool(analysis.host, listed.map((server) => serverNode(server).name));
    let draft = pools.get(name);
    if (!draft) {
      draft = { name, hosts: 0, edges: new Map() };
      pools.set(name, draft);
    }
    if (!analysis.desired) draft.hosts += 1;
    const own: TopologyEdge[] = [];
    listed.forEach((server, index) => {
      const node = serverNode(server);
      const key = `${index}\u0000${node.anchor}`;
      const edge = draft.edges.get(key) ?? { order: index + 1, server: node.anchor, serverName: node.name, healthy: 0, failing: 0, unknown: 0 };
      const verdict = connectivityOf(analysis.host, server);
      draft.edges.set(key, { ...edge, [verdict]: edge[verdict] + 1 });
      own.push({ order: index + 1, server: node.anchor, serverName: node.name, healthy: 0, failing: 0, unknown: 0, [verdict]: 1 });
    });
    if (expand.has(name)) (draft.members ??= []).push({ anchor: anchors.of('host', analysis.host.host), name: analysis.host.host, edges: own });
  }
  return {
    licenseServers: [...servers.values()],
    pools: [...pools.values()].map(
      (draft): TopologyPool => ({
        anchor: anchors.of('pool', draft.name),
        name: draft.name,
        ...(draft.gpo === undefined ? {} : { gpo: draft.gpo }),
        hosts: draft.hosts,
        edges: [...draft.edges.values()].sort((a, b) => a.order - b.order || a.serverName.localeCompare(b.serverName)),
        ...(draft.members === undefined ? {} : { members: draft.members }),
      }),
    ),
  };
}

/** Drawn one by one, more hosts than this would make the topology unreadable and slow to lay out. */
export const MAX_EXPANDED_HOSTS = 200;

/** Every pool named with --expand-pool exists, and together they stay drawable. */
export function checkExpandedPools(topology: Topology, names: readonly string[]): void {
  const known = topology.pools.map((pool) => pool.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: `--expand-pool: no pool named ${unknown.map((name) => JSON.stringify(name)).join(', ')}`, hint: `the pools are: ${known.map((name) => JSON.stringify(name)).join(', ') || 'none'}` });
  }
  const drawn = topology.pools.reduce((sum, pool) => sum + (pool.members?.length ?? 0), 0);
  if (drawn > MAX_EXPANDED_HOSTS) {
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: `--expand-pool would draw ${drawn} session hosts one by one, more than ${MAX_EXPANDED_HOSTS}`, hint: 'expand fewer or smaller pools; every host is listed in the grace table either way' });
  }
}

function describeUndeclaredPool(host: LiveHost, listed: readonly string[]): string {
  const source = host.sessionHost?.licenseServers.source === 'policy' ? 'Group Policy' : 'local setting';
  return listed.length === 0 ? `hosts listing no licence server (${source})` : `hosts listing ${listed.join(', ')} (${source})`;
}

function connectivityOf(host: LiveHost, listed: string): 'healthy' | 'failing' | 'unknown' {
  const verdicts = host.sessionHost?.connectivity ?? {};
  const wanted = canonicalHostName(listed);
  const found = Object.entries(verdicts).find(([name]) => canonicalHostName(name) === wanted)?.[1];
  // A check that failed or ran out of its budget gave no verdict.
  if (found?.code === undefined) return 'unknown';
  return found.healthy ? 'healthy' : 'failing';
}
