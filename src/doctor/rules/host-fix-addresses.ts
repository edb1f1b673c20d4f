/**
 * Where a session host's licensing settings are converged: the host itself for a locally
 * configured pool, the pool's GPO for a pool configured by Group Policy.
 */
import { gpoAddress, sessionHostAddress } from '../../model/address.js';
import type { SessionHostAnalysis } from '../analyse-session-host.js';

export function settingsAddresses(hosts: readonly SessionHostAnalysis[]): string[] {
  const addresses = new Set<string>();
  for (const analysis of hosts) {
    addresses.add(sessionHostAddress(analysis.host.host));
    const settings = analysis.desired?.settings;
    if (settings?.kind === 'gpo') addresses.add(gpoAddress(settings.gpo));
  }
  return [...addresses];
}

/** The spec pools these hosts belong to, in first-seen order. */
export function poolsOf(hosts: readonly SessionHostAnalysis[]): string[] {
  return [...new Set(hosts.flatMap((analysis) => (analysis.desired ? [analysis.desired.pool] : [])))];
}

/** "pool finance" / "pools finance, kiosks" / "the session hosts" (no spec). */
export function describePools(hosts: readonly SessionHostAnalysis[]): string {
  const pools = poolsOf(hosts);
  if (pools.length === 0) return 'the session hosts';
  return `${pools.length === 1 ? 'pool' : 'pools'} ${pools.map((pool) => `"${pool}"`).join(', ')}`;
}
