/**
 * Key packs are matched by group, not by identity: Windows never shows an agreement number or
 * retail code again once a pack is installed (windows-reference.md §2.8), so desired licences
 * are compared with installed ones as counts per (product version, CAL type, channel).
 */
import type { KeyPackChannel, LiveKeyPack } from '../model/live-state.js';
import type { KeyPackGroup } from '../model/operation.js';
import type { KeyPackSpec, LicenseProgram } from '../model/spec.js';

/** Agreement programmes install as volume packs; open and retail have their own types. */
export function channelOfProgram(program: LicenseProgram): KeyPackChannel {
  if (program === 'retail') return 'retail';
  if (program === 'open') return 'open';
  return 'volume';
}

export function groupOfKeyPack(pack: KeyPackSpec): KeyPackGroup {
  return { product: pack.product, type: pack.type, channel: channelOfProgram(pack.program) };
}

export function groupKey(group: KeyPackGroup): string {
  return `${group.product}-${group.type}-${group.channel}`;
}

const NON_CAPACITY_CHANNELS: ReadonlySet<KeyPackChannel> = new Set(['temporary', 'builtIn', 'notSupported']);

/**
 * True when a live pack counts as purchased capacity. Built-in and temporary packs carry
 * sentinel totals and never count; packs with an unknown product version cannot be matched.
 */
export function isPurchasedPack(pack: LiveKeyPack): pack is LiveKeyPack & { product: NonNullable<LiveKeyPack['product']>; type: 'perUser' | 'perDevice' } {
  return (
    pack.product !== undefined &&
    (pack.type === 'perUser' || pack.type === 'perDevice') &&
    !NON_CAPACITY_CHANNELS.has(pack.channel)
  );
}

/** Installed licences per group key, counting purchased packs only. */
export function installedByGroup(packs: readonly LiveKeyPack[]): Map<string, { group: KeyPackGroup; total: number }> {
  const totals = new Map<string, { group: KeyPackGroup; total: number }>();
  for (const pack of packs) {
    if (!isPurchasedPack(pack)) continue;
    const group: KeyPackGroup = { product: pack.product, type: pack.type, channel: pack.channel };
    const key = groupKey(group);
    const entry = totals.get(key);
    if (entry) entry.total += pack.total;
    else totals.set(key, { group, total: pack.total });
  }
  return totals;
}
