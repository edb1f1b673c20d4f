/**
 * The spec's values for one managed address, shown in the child resource's inputs so a
 * stack's state and a preview say what each resource is meant to be. Key-pack secrets stay
 * references (`{ env }`, `{ file }`); the component marks them secret as well.
 */
import type { DesiredModel } from '../engine/desired-model.js';
import type { ManagedResource } from '../engine/list-managed-resources.js';
import { canonicalHostName } from '../model/host-name.js';
import type { KeyPackSecretRefs } from '../model/operation.js';

/** Key-pack fields that hold secret references. */
export const SECRET_REF_FIELDS: readonly (keyof KeyPackSecretRefs)[] = ['agreementNumber', 'licenseNumber', 'authorizationNumber', 'retailKey'];

export function desiredValues(resource: ManagedResource, desired: DesiredModel): Record<string, unknown> {
  const target = resource.target;
  if (target.kind === 'gpo') {
    const gpo = desired.gpos.find((candidate) => candidate.name.toLowerCase() === target.gpo.toLowerCase());
    if (resource.resource === 'gpo.link') return { gpo: target.gpo, domain: target.domain, ou: resource.ou };
    return compact({ gpo: target.gpo, domain: gpo?.domain ?? target.domain, licensingMode: gpo?.licensingMode, licenseServers: gpo?.licenseServers, links: gpo?.links, pools: gpo?.pools });
  }
  const key = canonicalHostName(target.host);
  const server = desired.licenseServers.find((candidate) => canonicalHostName(candidate.host) === key);
  const host = desired.sessionHosts.find((candidate) => canonicalHostName(candidate.host) === key);
  switch (resource.resource) {
    case 'licenseServer.service':
      return { host: target.host, state: server?.service };
    case 'licenseServer.firewall':
      return { host: target.host, ...server?.firewall };
    case 'licenseServer.activation':
      return { host: target.host, ...server?.activation };
    case 'licenseServer.discovery':
      return { host: target.host, ...server?.discovery };
    case 'licenseServer.keyPack':
      return { host: target.host, ...server?.keyPacks.find((pack) => pack.name === resource.keyPack) };
    case 'sessionHost':
      return compact({ host: target.host, pool: host?.pool, os: host?.os, ...host?.settings });
    case 'sessionHost.gracePeriod':
      return { host: target.host, resetWhenExpired: host?.resetGraceWhenExpired };
    case 'sessionHost.termService':
      return { host: target.host, restartAfterLicensingChange: host?.restartTermServiceAfterChange };
    default:
      return { host: target.host };
  }
}

function compact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined));
}
