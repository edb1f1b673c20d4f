/**
 * Every address the desired model manages, in the order apply would act on them, each with
 * the addresses it waits for. A client that drives resources one by one (Pulumi) orders them
 * with this; the rules are the plan's own (`order-changes.ts`), not a second copy.
 *
 * A licence-server part is managed only when the spec declares it; a session host's grace
 * period and TermService restart only when its pool asks for them.
 */
import {
  gpoAddress,
  gpoLinkAddress,
  keyPackAddress,
  licenseServerPartAddress,
  sessionHostAddress,
  sessionHostPartAddress,
  type LicenseServerPart,
  type ResourceKind,
} from '../model/address.js';
import type { ChangeTarget } from '../model/change.js';
import { groupKey, groupOfKeyPack } from './key-pack-groups.js';
import type { DesiredModel } from './desired-model.js';
import { PREREQUISITES } from './order-changes.js';

export interface ManagedResource {
  address: string;
  resource: ResourceKind;
  target: ChangeTarget;
  /** Managed addresses that must be converged first. */
  dependsOn: string[];
  /** The key pack's spec name, for `licenseServer.keyPack`. */
  keyPack?: string;
  /** The OU, for `gpo.link`. */
  ou?: string;
}

const PARTS: readonly LicenseServerPart[] = ['service', 'firewall', 'activation', 'discovery'];

export function listManagedResources(desired: DesiredModel): ManagedResource[] {
  const gpoResources = desired.gpos.flatMap((gpo): ManagedResource[] => {
    const target: ChangeTarget = { kind: 'gpo', gpo: gpo.name, domain: gpo.domain };
    const own = { address: gpoAddress(gpo.name), resource: 'gpo' as const, target, dependsOn: [] };
    const links = gpo.links.map((ou) => ({ address: gpoLinkAddress(gpo.name, ou), resource: 'gpo.link' as const, target, dependsOn: [own.address], ou }));
    return [own, ...links];
  });
  return [...gpoResources, ...desired.licenseServers.flatMap((server) => licenseServerResources(server)), ...desired.sessionHosts.flatMap((host) => sessionHostResources(host, desired))];
}

function licenseServerResources(server: DesiredModel['licenseServers'][number]): ManagedResource[] {
  const target: ChangeTarget = { kind: 'host', host: server.host };
  const parts: ManagedResource[] = PARTS.filter((part) => server[part] !== undefined).map((part) => ({
    address: licenseServerPartAddress(server.host, part),
    resource: `licenseServer.${part}`,
    target,
    dependsOn: [],
  }));
  const previousInGroup = new Map<string, string>();
  const packs: ManagedResource[] = server.keyPacks.map((pack) => {
    const address = keyPackAddress(server.host, pack.name);
    const group = groupKey(groupOfKeyPack(pack));
    const previous = previousInGroup.get(group);
    previousInGroup.set(group, address);
    // Installs into one group run one after another, as in the plan.
    return { address, resource: 'licenseServer.keyPack', target, dependsOn: previous === undefined ? [] : [previous], keyPack: pack.name };
  });
  const all = [...parts, ...packs];
  return all.map((entry) => {
    const wanted = PREREQUISITES[entry.resource] ?? [];
    const prerequisites = parts.filter((part) => wanted.includes(part.resource)).map((part) => part.address);
    return { ...entry, dependsOn: [...prerequisites, ...entry.dependsOn] };
  });
}

function sessionHostResources(host: DesiredModel['sessionHosts'][number], desired: DesiredModel): ManagedResource[] {
  const target: ChangeTarget = { kind: 'host', host: host.host };
  const address = sessionHostAddress(host.host);
  // A host configured by a GPO takes its values from that GPO: the GPO goes first.
  const gpo = host.settings.kind === 'gpo' ? desired.gpos.find((candidate) => candidate.name.toLowerCase() === (host.settings as { gpo: string }).gpo.toLowerCase()) : undefined;
  const resources: ManagedResource[] = [{ address, resource: 'sessionHost', target, dependsOn: gpo ? [gpoAddress(gpo.name)] : [] }];
  if (host.resetGraceWhenExpired) resources.push({ address: sessionHostPartAddress(host.host, 'gracePeriod'), resource: 'sessionHost.gracePeriod', target, dependsOn: [] });
  if (host.restartTermServiceAfterChange) {
    resources.push({ address: sessionHostPartAddress(host.host, 'termService'), resource: 'sessionHost.termService', target, dependsOn: [address] });
  }
  return resources;
}
