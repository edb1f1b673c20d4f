/**
 * Expands a validated spec into the desired model. Validation has already checked host
 * patterns and references, so expansion trusts its input.
 */
import type { LoadedSpec } from '../spec/loaded-spec.js';
import { expandHostPattern } from '../spec/host-range.js';
import type { SessionHostPoolSpec, Spec } from '../model/spec.js';
import type { DesiredGpo, DesiredModel, DesiredSessionHost } from './desired-model.js';
import { resolvePolicy } from './resolve-policy.js';

export function expandSpec(loaded: LoadedSpec | { spec: Spec }): DesiredModel {
  const { spec } = loaded;
  const pools = spec.sessionHostPools ?? [];
  return {
    deployment: spec.deployment,
    policy: resolvePolicy(spec.policy),
    licenseServers: (spec.licenseServers ?? []).map((server) => ({
      host: server.host,
      os: server.os,
      activation: server.activation,
      discovery: server.discovery,
      service: server.service,
      firewall: server.firewall,
      keyPacks: server.keyPacks ?? [],
    })),
    externalLicenseServers: spec.externalLicenseServers ?? [],
    sessionHosts: pools.flatMap(expandPool),
    gpos: (spec.gpos ?? []).map((gpo): DesiredGpo => ({
      name: gpo.name,
      domain: gpo.domain,
      links: gpo.links ?? [],
      licensingMode: gpo.licensingMode,
      licenseServers: gpo.licenseServers,
      pools: pools.filter((pool) => poolGpo(pool)?.toLowerCase() === gpo.name.toLowerCase()).map((pool) => pool.name),
    })),
    reclaim: { retiredDevices: spec.reclaim?.retiredDevices ?? [], disabledInDirectory: spec.reclaim?.disabledInDirectory ?? false },
    hasDirectoryCredential: spec.connection.directoryCredential !== undefined,
  };
}

function expandPool(pool: SessionHostPoolSpec): DesiredSessionHost[] {
  const gpo = poolGpo(pool);
  const settings: DesiredSessionHost['settings'] =
    gpo === undefined
      ? { kind: 'local', licensingMode: pool.licensingMode ?? 'perUser', licenseServers: pool.licenseServers ?? [] }
      : { kind: 'gpo', gpo };
  return pool.hosts.flatMap(expandHostPattern).map((host) => ({
    host,
    pool: pool.name,
    os: pool.os,
    workgroup: pool.workgroup ?? false,
    settings,
    restartTermServiceAfterChange: pool.restartTermServiceAfterChange ?? false,
    resetGraceWhenExpired: pool.gracePeriod?.resetWhenExpired ?? false,
  }));
}


function poolGpo(pool: SessionHostPoolSpec): string | undefined {
  return typeof pool.configuredBy === 'object' ? pool.configuredBy.gpo : undefined;
}
