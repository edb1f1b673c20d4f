/**
 * Expands a validated spec into the desired model. Validation has already checked host
 * patterns and references, so expansion trusts its input.
 */
import type { LoadedSpec } from '../spec/loaded-spec.js';
import { expandHostPattern } from '../spec/host-range.js';
import { poolBroker, poolGpo } from '../model/configured-by.js';
import type { SessionHostPoolSpec, Spec } from '../model/spec.js';
import type { DesiredConnectionBroker, DesiredGpo, DesiredModel, DesiredSessionHost } from './desired-model.js';
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
    connectionBrokers: expandBrokers(pools),
    reclaim: { retiredDevices: spec.reclaim?.retiredDevices ?? [], disabledInDirectory: spec.reclaim?.disabledInDirectory ?? false },
    hasDirectoryCredential: spec.connection.directoryCredential !== undefined,
  };
}

function expandPool(pool: SessionHostPoolSpec): DesiredSessionHost[] {
  const gpo = poolGpo(pool);
  const broker = poolBroker(pool);
  const settings: DesiredSessionHost['settings'] =
    gpo !== undefined
      ? { kind: 'gpo', gpo }
      : broker !== undefined
        ? { kind: 'broker', broker: broker.broker, owner: broker.owner, ...brokerValues(pool, broker.owner) }
        : { kind: 'local', licensingMode: pool.licensingMode ?? 'perUser', licenseServers: pool.licenseServers ?? [] };
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

function brokerValues(pool: SessionHostPoolSpec, owner: 'rdsctl' | 'broker'): Pick<DesiredConnectionBroker, 'licensingMode' | 'licenseServers'> {
  if (owner === 'broker') return {};
  return { licensingMode: pool.licensingMode ?? 'perUser', licenseServers: pool.licenseServers ?? [] };
}

/** One entry per broker; validation has made the pools of one broker agree on owner and values. */
function expandBrokers(pools: readonly SessionHostPoolSpec[]): DesiredConnectionBroker[] {
  const brokers = new Map<string, DesiredConnectionBroker & { pools: string[] }>();
  for (const pool of pools) {
    const broker = poolBroker(pool);
    if (broker === undefined) continue;
    const key = broker.broker.toLowerCase();
    const known = brokers.get(key);
    if (known) known.pools.push(pool.name);
    else brokers.set(key, { host: broker.broker, owner: broker.owner, ...brokerValues(pool, broker.owner), pools: [pool.name] });
  }
  return [...brokers.values()];
}
