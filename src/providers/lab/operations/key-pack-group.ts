/**
 * The licences of a server that a key-pack operation counts: purchased packs of one product
 * version, CAL type and channel. Built-in, temporary and unsupported packs carry sentinel
 * totals and never count, nor do packs whose product version is unknown.
 */
import type { KeyPackChannel, LiveKeyPack } from '../../../model/live-state.js';
import type { KeyPackGroup } from '../../../model/operation.js';
import { displayOsVersion } from '../../../model/os-version.js';

const NON_CAPACITY_CHANNELS: ReadonlySet<KeyPackChannel> = new Set(['temporary', 'builtIn', 'notSupported']);

export function isPackInGroup(pack: LiveKeyPack, group: KeyPackGroup): boolean {
  return (
    !NON_CAPACITY_CHANNELS.has(pack.channel) &&
    pack.product === group.product &&
    pack.type === group.type &&
    pack.channel === group.channel
  );
}

export function installedInGroup(packs: readonly LiveKeyPack[], group: KeyPackGroup): number {
  return packs.reduce((sum, pack) => (isPackInGroup(pack, group) ? sum + pack.total : sum), 0);
}

/** E.g. `Windows Server 2022, per user`. */
export function describeGroup(group: KeyPackGroup): string {
  return `${displayOsVersion(group.product)}, ${group.type === 'perUser' ? 'per user' : 'per device'}`;
}

export function describeLicences(count: number): string {
  return count === 1 ? '1 licence' : `${count} licences`;
}
