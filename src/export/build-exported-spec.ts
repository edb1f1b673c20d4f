/**
 * Live state → the spec that reproduces it, so the first plan after adoption is empty. Pure:
 * the caller reads the estate and writes the file. Each part of the estate is exported by its
 * own module; this one assembles them, keeps server references resolvable (undeclared servers
 * become external ones) and gathers the comments.
 */
import type { HostError, LiveGpo, LiveHost, LiveLicenseServer, LiveSessionHost, LiveState } from '../model/live-state.js';
import type { ConnectionSpec, GpoSpec, PolicySpec, Spec } from '../model/spec.js';
import { canonicalHostName } from '../model/host-name.js';
import { exportLicenseServer } from './export-license-server.js';
import { placeNotes, type ExportNote } from './export-note.js';
import { compareNatural } from './fold-host-ranges.js';
import { groupSessionHosts } from './group-session-hosts.js';
import { createServerNames } from './resolve-server-names.js';

export interface ExportRequest {
  live: LiveState;
  deployment: string;
  connection: ConnectionSpec;
  policy?: PolicySpec;
  /** Licence servers that session hosts list and that could not be read: declared external. */
  unreadServers: readonly HostError[];
}

export interface ExportedSpec {
  spec: Spec;
  notes: ExportNote[];
  /** What the first plan will still show, or what the export left out: for stderr. */
  warnings: string[];
}

export function buildExportedSpec(request: ExportRequest): ExportedSpec {
  const { live } = request;
  const hosts = [...live.hosts].sort((a, b) => compareNatural(a.host, b.host));
  const managed = hosts.filter((host): host is LiveHost & { licenseServer: LiveLicenseServer } => host.licenseServer !== undefined);
  const servers = createServerNames(managed);
  const notes: ExportNote[] = [];
  const warnings: string[] = [];

  const licenseServers = managed.map((host, i) => {
    const exported = exportLicenseServer(host);
    notes.push(...placeNotes(exported.notes, ['licenseServers', i]));
    warnings.push(...exported.warnings);
    return exported.server;
  });
  const existing = live.gpos.filter((gpo) => gpo.exists);
  const gpos = existing.map((gpo) => exportGpo(gpo, servers.resolve));
  const sessionHosts = hosts.filter((host): host is LiveHost & { sessionHost: LiveSessionHost } => host.sessionHost !== undefined);
  const brokers = new Map(hosts.flatMap((host) => (host.connectionBroker ? [[canonicalHostName(host.host), { host: host.host, broker: host.connectionBroker }] as const] : [])));
  const grouped = groupSessionHosts(sessionHosts, existing, servers, brokers);
  const external = servers.external();
  warnings.push(...grouped.unreadBrokers);

  const spec: Spec = {
    apiVersion: 'rdsctl/v1',
    deployment: request.deployment,
    connection: withLockHost(request.connection, licenseServers.length, external),
    ...(request.policy ? { policy: request.policy } : {}),
    ...(licenseServers.length > 0 ? { licenseServers } : {}),
    ...(external.length > 0 ? { externalLicenseServers: external } : {}),
    ...(grouped.pools.length > 0 ? { sessionHostPools: grouped.pools } : {}),
    ...(gpos.length > 0 ? { gpos } : {}),
  };

  notes.push({ path: [], lines: headerLines(live, spec) });
  if (spec.connection.lockHost !== undefined && request.connection.lockHost === undefined) {
    notes.push({ path: ['connection', 'lockHost'], lines: ['The estate has no licence server of its own, so apply keeps its lock here; any host every runner can reach will do.'] });
  }
  const unread = request.unreadServers.filter((error) => external.some((name) => canonicalHostName(name) === canonicalHostName(error.host)));
  if (unread.length > 0) notes.push({ path: ['externalLicenseServers'], lines: ['Listed by session hosts or GPOs, but could not be read:', ...unread.map((error) => `  ${error.host}: ${error.message.startsWith(`${error.host}: `) ? error.message.slice(error.host.length + 2) : error.message}`)] });
  const missing = live.gpos.filter((gpo) => !gpo.exists);
  const leftOut = [...grouped.leftOut, ...missing.map((gpo) => `GPO "${gpo.name}" (${gpo.domain}): it does not exist`)];
  if (leftOut.length > 0) {
    notes.push({ path: spec.sessionHostPools ? ['sessionHostPools'] : [], lines: ['Left out, as the spec cannot reproduce them:', ...leftOut.map((line) => `  ${line}`)] });
    warnings.push(...leftOut.map((line) => `left out ${line}`));
  }
  return { spec, notes, warnings };
}

/** A Windows spec that declares no licence server of its own must name the host keeping the apply lock. */
function withLockHost(connection: ConnectionSpec, declaredServers: number, external: readonly string[]): ConnectionSpec {
  if (connection.provider !== 'windows' || declaredServers > 0 || connection.lockHost !== undefined) return connection;
  const first = [...external].sort(compareNatural)[0];
  return first === undefined ? connection : { ...connection, lockHost: first };
}

function exportGpo(gpo: LiveGpo, resolve: (listed: readonly string[]) => string[]): GpoSpec {
  return {
    name: gpo.name,
    domain: gpo.domain,
    links: [...gpo.links],
    ...(gpo.licensingMode !== null ? { licensingMode: gpo.licensingMode } : {}),
    ...(gpo.licenseServers !== null ? { licenseServers: resolve(gpo.licenseServers) } : {}),
  };
}

function headerLines(live: LiveState, spec: Spec): string[] {
  const pools = spec.sessionHostPools ?? [];
  const placeholders = (spec.licenseServers ?? []).reduce((sum, server) => sum + (server.keyPacks?.length ?? 0), 0);
  return [
    `Written by rdsctl export from the live state of ${live.hosts.length} host(s) and ${live.gpos.filter((gpo) => gpo.exists).length} GPO(s):`,
    `${spec.licenseServers?.length ?? 0} licence server(s), ${pools.length} session-host pool(s). A plan of this spec changes nothing`,
    'while the estate stays as it was read.',
    ...(placeholders > 0 ? [`${placeholders} key pack(s) carry placeholders (search for "FILL IN"): set them before an apply installs licences.`] : []),
  ];
}
