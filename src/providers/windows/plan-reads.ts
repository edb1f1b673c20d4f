/**
 * One read request per host per phase: every host's reads in one invocation, and all GPO reads
 * in one invocation on the management host (merged with that host's own read when it is also
 * being read).
 */
import { canonicalHostName } from '../../model/host-name.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import type { GpoRef } from '../provider.js';

export interface PlannedRead {
  id: string;
  host: string;
  readHost: boolean;
  gpos: GpoRef[];
}

export function planReads(hosts: readonly string[], gpos: readonly GpoRef[], managementHost: string | undefined): PlannedRead[] {
  const reads: PlannedRead[] = [];
  const byName = new Map<string, PlannedRead>();
  for (const host of hosts) {
    const key = canonicalHostName(host);
    if (byName.has(key)) continue;
    const read: PlannedRead = { id: `read-${reads.length + 1}`, host, readHost: true, gpos: [] };
    byName.set(key, read);
    reads.push(read);
  }
  if (gpos.length === 0) return reads;
  if (!managementHost) {
    throw new RdsctlError({
      code: 'USAGE',
      kind: 'user',
      message: 'the spec declares GPOs but connection.gpoManagementHost is not set',
      hint: 'Set connection.gpoManagementHost to a host with the GroupPolicy module (RSAT), such as a domain controller.',
    });
  }
  let management = byName.get(canonicalHostName(managementHost));
  if (!management) {
    management = { id: `read-${reads.length + 1}`, host: managementHost, readHost: false, gpos: [] };
    reads.push(management);
  }
  management.gpos = gpos.map((gpo) => ({ name: gpo.name, domain: gpo.domain }));
  return reads;
}
