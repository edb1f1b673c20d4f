/**
 * The words that name a change group, a pending group and what will happen to them; shared by
 * the text and markdown renderers so both say the same thing.
 */
import { gpoAddress } from '../model/address.js';
import type { Action } from '../model/change.js';
import type { ChangeGroup, PendingGroup } from './group-changes.js';

const WILL: Readonly<Record<Action, string>> = {
  create: 'will be created',
  update: 'will be updated',
  delete: 'will be deleted',
};

const WILL_NOT: Readonly<Record<Action, string>> = {
  create: 'will not be created (refused)',
  update: 'will not be updated (refused)',
  delete: 'will not be deleted (refused)',
};

/** `sessionHost[kiosk01.corp.contoso.com] and 11 more in pool "kiosks"`, or the address alone. */
export function describeChangeSubject(group: ChangeGroup): string {
  return describeSubject(group.first.address, group.changes.length, group.first.pool);
}

/** `will be updated`, or `will not be updated (refused)` when a guard rail refused it. An issued licence is revoked, not deleted. */
export function describeChangeOutcome(group: ChangeGroup): string {
  const { action, refused, resource } = group.first;
  if (resource === 'licenseServer.issuedLicense') return refused === undefined ? 'will be revoked' : 'will not be revoked (refused)';
  return refused === undefined ? WILL[action] : WILL_NOT[action];
}

export function describePendingSubject(group: PendingGroup): string {
  return describeSubject(group.first.address, group.entries.length, group.first.pool);
}

export function describePendingOutcome(group: PendingGroup): string {
  return `will take these values from ${gpoAddress(group.first.gpo)}`;
}

function describeSubject(address: string, count: number, pool: string | undefined): string {
  if (count === 1) return address;
  const inPool = pool === undefined ? '' : ` in pool ${JSON.stringify(pool)}`;
  return `${address} and ${count - 1} more${inPool}`;
}
