/**
 * Orders changes by dependency: GPO values before the session hosts relying on them, the
 * licensing service and firewall before activation, activation before discovery and key packs.
 * Dependencies between changes of one licence server are made explicit in `dependsOn`, so apply
 * can run everything else concurrently.
 */
import type { ResourceKind } from '../model/address.js';
import type { Change } from '../model/change.js';

const RANK: Readonly<Record<ResourceKind, number>> = {
  gpo: 0,
  'gpo.link': 1,
  'licenseServer.service': 2,
  'licenseServer.firewall': 2,
  'licenseServer.activation': 3,
  'licenseServer.discovery': 4,
  'licenseServer.keyPack': 5,
  'licenseServer.issuedLicense': 5,
  sessionHost: 6,
  'sessionHost.gracePeriod': 6,
  'sessionHost.termService': 7,
  // Like a GPO: the broker pushes its values to the session hosts that rely on them.
  connectionBroker: 0,
};

/** What a licence-server change waits for, among the same host's changes. */
export const PREREQUISITES: Partial<Record<ResourceKind, readonly ResourceKind[]>> = {
  'licenseServer.activation': ['licenseServer.service', 'licenseServer.firewall'],
  'licenseServer.discovery': ['licenseServer.service', 'licenseServer.activation'],
  'licenseServer.keyPack': ['licenseServer.service', 'licenseServer.activation'],
  'licenseServer.issuedLicense': ['licenseServer.service'],
};

/** Adds same-host prerequisites to `dependsOn` and sorts changes in a safe execution order. */
export function orderChanges(changes: readonly Change[]): Change[] {
  const byHost = new Map<string, Change[]>();
  for (const change of changes) {
    if (change.target.kind !== 'host') continue;
    const key = change.target.host.toLowerCase();
    byHost.set(key, [...(byHost.get(key) ?? []), change]);
  }
  const linked = changes.map((change) => {
    const wanted = PREREQUISITES[change.resource];
    if (wanted === undefined || change.target.kind !== 'host') return change;
    const siblings = byHost.get(change.target.host.toLowerCase()) ?? [];
    const prerequisites = siblings.filter((other) => wanted.includes(other.resource)).map((other) => other.address);
    if (prerequisites.length === 0) return change;
    return { ...change, dependsOn: [...prerequisites, ...change.dependsOn] };
  });
  return linked
    .map((change, index) => ({ change, index }))
    .sort((a, b) => RANK[a.change.resource] - RANK[b.change.resource] || a.index - b.index)
    .map(({ change }) => change);
}

/** Keeps the changes selected by `isSelected` and every change they depend on, in order. */
export function selectWithDependencies(changes: readonly Change[], isSelected: (change: Change) => boolean): Change[] {
  const byAddress = new Map(changes.map((change) => [change.address, change]));
  const keep = new Set<string>();
  const visit = (change: Change): void => {
    if (keep.has(change.address)) return;
    keep.add(change.address);
    for (const dependency of change.dependsOn) {
      const other = byAddress.get(dependency);
      if (other) visit(other);
    }
  };
  for (const change of changes) if (isSelected(change)) visit(change);
  return changes.filter((change) => keep.has(change.address));
}
