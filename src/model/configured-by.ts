/**
 * Where a pool's licensing settings come from, asked one way everywhere: a GPO, an RD Connection
 * Broker, or the hosts themselves (`local`).
 */
import type { BrokerLicensingOwner, ConfiguredBy, SessionHostPoolSpec } from './spec.js';

/** The GPO configuring the pool, if one does. */
export function poolGpo(pool: Pick<SessionHostPoolSpec, 'configuredBy'>): string | undefined {
  return typeof pool.configuredBy === 'object' && 'gpo' in pool.configuredBy ? pool.configuredBy.gpo : undefined;
}

/** The RD Connection Broker of the pool's deployment, and who owns its licensing settings, if the pool has one. */
export function poolBroker(pool: Pick<SessionHostPoolSpec, 'configuredBy'>): { broker: string; owner: BrokerLicensingOwner } | undefined {
  const by: ConfiguredBy = pool.configuredBy;
  if (typeof by !== 'object' || !('broker' in by)) return undefined;
  return { broker: by.broker, owner: by.licensingOwner ?? 'rdsctl' };
}
