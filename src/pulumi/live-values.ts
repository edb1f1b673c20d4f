/**
 * The live values of one managed address, cut from live state exactly as `rdsctl show --json`
 * reports them, so a stack's outputs and the CLI's export agree. Key packs are counted per
 * (product, CAL type, channel), as the plan counts them: Windows keeps no pack identity.
 */
import { groupOfKeyPack, isPurchasedPack } from '../engine/key-pack-groups.js';
import type { ManagedResource } from '../engine/list-managed-resources.js';
import type { LiveIndex } from '../engine/live-index.js';
import type { LiveKeyPack } from '../model/live-state.js';
import type { KeyPackSpec } from '../model/spec.js';

/** `pack` is the key pack's spec, for `licenseServer.keyPack`: it says which group it counts. */
export function liveValues(resource: ManagedResource, live: LiveIndex, pack?: KeyPackSpec): Record<string, unknown> {
  const target = resource.target;
  if (target.kind === 'gpo') {
    const gpo = live.gpo(target.gpo);
    if (gpo === undefined) return {};
    if (resource.resource === 'gpo.link') return { linked: gpo.links.some((link) => link.toLowerCase() === resource.ou?.toLowerCase()) };
    return { exists: gpo.exists, licensingMode: gpo.licensingMode, licenseServers: gpo.licenseServers, links: gpo.links };
  }
  const host = live.host(target.host);
  const server = host?.licenseServer;
  const session = host?.sessionHost;
  switch (resource.resource) {
    case 'licenseServer.service':
      return server ? { ...server.service } : {};
    case 'licenseServer.firewall':
      return server ? { ...server.firewall } : {};
    case 'licenseServer.activation':
      return server ? { ...server.activation } : {};
    case 'licenseServer.discovery':
      return server ? { ...server.discovery } : {};
    case 'licenseServer.keyPack':
      return server && pack ? keyPackValues(pack, server.keyPacks) : {};
    case 'sessionHost':
      return session ? { licensingMode: session.licensingMode, licenseServers: session.licenseServers, activeSessions: session.activeSessions, ...(session.ou ? { ou: session.ou } : {}) } : {};
    case 'sessionHost.gracePeriod':
      return session ? { graceDaysLeft: session.graceDaysLeft } : {};
    case 'sessionHost.termService':
      return session ? { ...session.termService } : {};
    default:
      return {};
  }
}

function keyPackValues(pack: KeyPackSpec, packs: readonly LiveKeyPack[]): Record<string, unknown> {
  const group = groupOfKeyPack(pack);
  const matching = packs.filter((live) => isPurchasedPack(live) && live.product === group.product && live.type === group.type && live.channel === group.channel);
  const sum = (field: 'total' | 'issued' | 'available'): number => matching.reduce((total, live) => total + live[field], 0);
  return { ...group, installed: sum('total'), issued: sum('issued'), available: sum('available'), keyPacks: matching };
}
