/**
 * Plan-time CAL version checks against the OS versions hosts report (the spec's optional `os`
 * is checked at validation): a session host needs CALs of its own version or newer, and a
 * licence server cannot hold CALs newer than itself (windows-reference.md §7).
 */
import { keyPackAddress, sessionHostAddress } from '../model/address.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { canonicalHostName } from '../model/host-name.js';
import { calServesHost, displayOsVersion, serverCanHoldCal } from '../model/os-version.js';
import type { LiveHost } from '../model/live-state.js';
import type { OsVersion } from '../model/spec.js';
import type { DesiredModel, DesiredSessionHost } from './desired-model.js';
import type { LiveIndex } from './live-index.js';

/** `liveSessionHosts`, when given, is each desired session host's live state, looked up already. */
export function checkCalVersions(desired: DesiredModel, live: LiveIndex, liveSessionHosts?: readonly (LiveHost | undefined)[]): Diagnostic[] {
  return [...checkServers(desired, live), ...checkSessionHosts(desired, live, liveSessionHosts)];
}

function checkServers(desired: DesiredModel, live: LiveIndex): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const server of desired.licenseServers) {
    const os = live.host(server.host)?.os;
    if (os === undefined) continue;
    for (const pack of server.keyPacks) {
      if (serverCanHoldCal(os, pack.product)) continue;
      diagnostics.push({
        severity: 'error',
        code: 'CAL_NEWER_THAN_SERVER',
        summary: `${server.host} runs ${displayOsVersion(os)} and cannot hold ${displayOsVersion(pack.product)} CALs (key pack "${pack.name}")`,
        hint: 'install these CALs on a licence server of the same Windows Server version or newer',
        address: keyPackAddress(server.host, pack.name),
      });
    }
  }
  return diagnostics;
}

function checkSessionHosts(desired: DesiredModel, live: LiveIndex, liveSessionHosts: readonly (LiveHost | undefined)[] | undefined): Diagnostic[] {
  const productsByServerAndType = new Map<string, OsVersion[]>();
  for (const server of desired.licenseServers) {
    for (const pack of server.keyPacks) {
      const key = `${canonicalHostName(server.host)}|${pack.type}`;
      productsByServerAndType.set(key, [...(productsByServerAndType.get(key) ?? []), pack.product]);
    }
  }
  const external = new Set(desired.externalLicenseServers.map(canonicalHostName));
  // Settings, and so the CALs on offer, are the same for every host of a pool: work them out once per pool and OS.
  const productsByPool = new Map<string, readonly OsVersion[] | undefined>();
  const productsOf = (host: DesiredSessionHost): readonly OsVersion[] | undefined => {
    if (productsByPool.has(host.pool)) return productsByPool.get(host.pool);
    const settings = resolveSettings(host, desired);
    const products =
      settings === undefined || settings.servers.some((server) => external.has(canonicalHostName(server)))
        ? undefined
        : settings.servers.flatMap((server) => productsByServerAndType.get(`${canonicalHostName(server)}|${settings.mode}`) ?? []);
    productsByPool.set(host.pool, products);
    return products;
  };
  // By pool, then OS: a key joined per host would be a new string to hash for each of 100,000 hosts.
  const served = new Map<string, Map<OsVersion, boolean>>();
  const problems = new Map<string, { hosts: string[]; os: OsVersion; pool: string }>();
  for (const [index, host] of desired.sessionHosts.entries()) {
    const os = (liveSessionHosts ? liveSessionHosts[index] : live.host(host.host))?.os;
    if (os === undefined) continue;
    const products = productsOf(host);
    if (products === undefined || products.length === 0) continue;
    let servedInPool = served.get(host.pool);
    if (servedInPool === undefined) {
      servedInPool = new Map();
      served.set(host.pool, servedInPool);
    }
    let isServed = servedInPool.get(os);
    if (isServed === undefined) {
      isServed = products.some((product) => calServesHost(product, os));
      servedInPool.set(os, isServed);
    }
    if (isServed) continue;
    const key = `${host.pool}|${os}`;
    const entry = problems.get(key) ?? { hosts: [], os, pool: host.pool };
    entry.hosts.push(host.host);
    problems.set(key, entry);
  }
  return [...problems.values()].map(({ hosts, os, pool }) => ({
    severity: 'error' as const,
    code: 'CAL_VERSION_TOO_OLD',
    summary: `${hosts.length} host(s) in pool "${pool}" run ${displayOsVersion(os)}, but their licence servers have no CALs of that version or newer`,
    detail: `hosts: ${hosts.slice(0, 5).join(', ')}${hosts.length > 5 ? ` and ${hosts.length - 5} more` : ''}`,
    hint: `add a key pack with product ${os} (or newer) to the pool's licence servers`,
    address: sessionHostAddress(hosts[0] as string),
  }));
}

function resolveSettings(host: DesiredSessionHost, desired: DesiredModel): { mode: string; servers: readonly string[] } | undefined {
  if (host.settings.kind === 'local') return { mode: host.settings.licensingMode, servers: host.settings.licenseServers };
  if (host.settings.kind === 'broker') {
    const { licensingMode, licenseServers } = host.settings;
    return licensingMode === undefined || licenseServers === undefined ? undefined : { mode: licensingMode, servers: licenseServers };
  }
  const gpoName = host.settings.gpo.toLowerCase();
  const gpo = desired.gpos.find((candidate) => candidate.name.toLowerCase() === gpoName);
  if (gpo?.licensingMode === undefined || gpo.licenseServers === undefined) return undefined;
  return { mode: gpo.licensingMode, servers: gpo.licenseServers };
}
