/**
 * Grouping of identical per-host changes so a plan over a large pool reads as one block.
 * Changes group when they belong to the same pool and have the same resource kind, action,
 * attributes (before and after), reason and refusal: they then differ only by host.
 */
import type { AttributeChange, Change, PendingRefresh } from '../model/change.js';
import { canonicalHostName } from '../model/host-name.js';

export interface ChangeGroup {
  /** The group's first change in plan order; it stands for all of them. */
  first: Change;
  changes: Change[];
  /** Host of each change, in the changes' order (empty for changes not made on a host). */
  hosts: string[];
}

export interface PendingGroup {
  first: PendingRefresh;
  entries: PendingRefresh[];
  hosts: string[];
}

/** Groups changes; a group sits where its first change sits, so plan order is kept. */
export function groupChanges(changes: readonly Change[]): ChangeGroup[] {
  const groups: ChangeGroup[] = [];
  const byKey = new Map<string, ChangeGroup>();
  for (const change of changes) {
    const host = change.target.kind === 'host' ? canonicalHostName(change.target.host) : undefined;
    const key = change.pool === undefined || host === undefined ? undefined : changeGroupKey(change);
    const existing = key === undefined ? undefined : byKey.get(key);
    if (existing !== undefined) {
      existing.changes.push(change);
      existing.hosts.push(host!);
      continue;
    }
    const group: ChangeGroup = { first: change, changes: [change], hosts: host === undefined ? [] : [host] };
    groups.push(group);
    if (key !== undefined) byKey.set(key, group);
  }
  return groups;
}

/** Groups pending refreshes that come from the same GPO and pool with the same values. */
export function groupPendingRefreshes(pending: readonly PendingRefresh[]): PendingGroup[] {
  const groups: PendingGroup[] = [];
  const byKey = new Map<string, PendingGroup>();
  for (const entry of pending) {
    const key = JSON.stringify([entry.pool ?? null, entry.gpo, attributeKey(entry.attributes)]);
    const host = canonicalHostName(entry.host);
    const existing = byKey.get(key);
    if (existing !== undefined) {
      existing.entries.push(entry);
      existing.hosts.push(host);
      continue;
    }
    const group: PendingGroup = { first: entry, entries: [entry], hosts: [host] };
    groups.push(group);
    byKey.set(key, group);
  }
  return groups;
}

function changeGroupKey(change: Change): string {
  const refusal = change.refused === undefined ? null : [change.refused.rule, change.refused.policyKey, change.refused.message];
  return JSON.stringify([
    change.pool,
    change.resource,
    change.action,
    change.reason ?? null,
    refusal,
    attributeKey(change.attributes),
  ]);
}

function attributeKey(attributes: readonly AttributeChange[]): unknown[] {
  return attributes.map((attribute) => [attribute.name, attribute.before, attribute.after]);
}
