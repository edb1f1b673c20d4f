/**
 * The part of the desired model one managed resource's plan needs, and what must be read to
 * plan it: its own host or GPO, the hosts whose state its diff consults (a GPO's pool hosts for
 * the active-session guard rail), and the declared licence servers a server list names (so a
 * server listed by address or short name is recognised, as in a full plan).
 *
 * A targeted plan built on a slice is the plan `--target ADDRESS` builds on the whole model,
 * without reading or diffing the rest of the estate.
 */
import { canonicalHostName, isIpAddress, shortHostName } from '../model/host-name.js';
import type { GpoRef } from '../providers/provider.js';
import type { DesiredGpo, DesiredModel } from './desired-model.js';
import type { ManagedResource } from './list-managed-resources.js';

export interface DesiredSlice {
  desired: DesiredModel;
  /** Hosts to read: the slice's own hosts first, then the licence servers its lists name. */
  hosts: string[];
  gpos: GpoRef[];
}

export function sliceDesiredModel(desired: DesiredModel, resource: ManagedResource): DesiredSlice {
  const empty: DesiredModel = { ...desired, licenseServers: [], sessionHosts: [], gpos: [] };
  const target = resource.target;
  if (target.kind === 'gpo') {
    const gpo = findGpo(desired, target.gpo);
    const pools = new Set(gpo?.pools ?? []);
    const sessionHosts = desired.sessionHosts.filter((host) => pools.has(host.pool));
    return {
      desired: { ...empty, gpos: gpo ? [gpo] : [], sessionHosts },
      hosts: withListedServers(desired, sessionHosts.map((host) => host.host), gpo?.licenseServers ?? []),
      gpos: gpo ? [{ name: gpo.name, domain: gpo.domain }] : [],
    };
  }
  const key = canonicalHostName(target.host);
  if (resource.resource.startsWith('licenseServer')) {
    const servers = desired.licenseServers.filter((server) => canonicalHostName(server.host) === key);
    return { desired: { ...empty, licenseServers: servers }, hosts: [target.host], gpos: [] };
  }
  const sessionHosts = desired.sessionHosts.filter((host) => canonicalHostName(host.host) === key);
  const settings = sessionHosts[0]?.settings;
  const gpo = settings?.kind === 'gpo' ? findGpo(desired, settings.gpo) : undefined;
  const listed = settings?.kind === 'local' ? settings.licenseServers : (gpo?.licenseServers ?? []);
  return {
    desired: { ...empty, sessionHosts, gpos: gpo ? [gpo] : [] },
    hosts: withListedServers(desired, [target.host], listed),
    gpos: gpo ? [{ name: gpo.name, domain: gpo.domain }] : [],
  };
}

function findGpo(desired: DesiredModel, name: string): DesiredGpo | undefined {
  return desired.gpos.find((gpo) => gpo.name.toLowerCase() === name.toLowerCase());
}

function withListedServers(desired: DesiredModel, hosts: readonly string[], listed: readonly string[]): string[] {
  const seen = new Set(hosts.map(canonicalHostName));
  const result = [...hosts];
  const add = (host: string): void => {
    if (seen.has(canonicalHostName(host))) return;
    seen.add(canonicalHostName(host));
    result.push(host);
  };
  for (const name of listed) {
    // An address can be any declared server's: only their reads tell which.
    const matches = isIpAddress(name) ? desired.licenseServers : desired.licenseServers.filter((server) => namesServer(name, server.host));
    for (const server of matches) add(server.host);
  }
  return result;
}

function namesServer(name: string, host: string): boolean {
  const listed = canonicalHostName(name);
  return listed === canonicalHostName(host) || (!listed.includes('.') && listed === shortHostName(host));
}
