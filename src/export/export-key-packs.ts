/**
 * A licence server's installed licences as spec key packs: one entry per (product, CAL type,
 * channel), whose quantity is the installed total, so the first plan installs and removes
 * nothing. Windows never shows the agreement number or licence code again (and cannot say which
 * agreement programme a volume pack came from), so each entry carries a placeholder programme
 * and a secret reference to fill in; they matter only when apply installs more of that group.
 * Packs the spec cannot express (unknown product, or a channel no programme installs) go in
 * as comments.
 */
import { installedByGroup, isPurchasedPack } from '../engine/key-pack-groups.js';
import type { KeyPackChannel, LiveKeyPack } from '../model/live-state.js';
import { displayOsVersion } from '../model/os-version.js';
import type { KeyPackGroup } from '../model/operation.js';
import type { KeyPackSpec, SecretRef } from '../model/spec.js';
import type { ExportNote } from './export-note.js';

export const FILL_IN = 'FILL IN';

export interface ExportedKeyPacks {
  keyPacks: KeyPackSpec[];
  /** Paths relative to the `keyPacks` list; `[]` is the list itself. */
  notes: ExportNote[];
  /** What the first plan will still show for packs the spec cannot express. */
  warnings: string[];
}

const AGREEMENT_PROGRAMMES = 'select, enterpriseAgreement, campus, school, serviceProvider or otherAgreement';

export function exportKeyPacks(host: string, packs: readonly LiveKeyPack[]): ExportedKeyPacks {
  const keyPacks: KeyPackSpec[] = [];
  const notes: ExportNote[] = [];
  const warnings: string[] = [];
  const unexpressed: string[] = [];
  const groups = [...installedByGroup(packs).values()].sort((a, b) => compareGroups(a.group, b.group));
  for (const { group, total } of groups) {
    const entry = keyPackFor(group, total);
    if (entry === undefined) {
      unexpressed.push(`${total} ${describe(group)} licences (channel ${group.channel}): no programme installs this channel`);
      warnings.push(`${host}: ${total} ${describe(group)} licences of channel ${group.channel} cannot be declared; the first plan shows them as licences the spec does not declare (a refused removal)`);
      continue;
    }
    notes.push({ path: [keyPacks.length], lines: placeholderLines(entry) });
    keyPacks.push(entry);
  }
  for (const pack of packs) {
    if (isPurchasedPack(pack) || pack.type === 'builtIn' || pack.channel === 'builtIn' || pack.channel === 'temporary') continue;
    unexpressed.push(`key pack ${pack.keyPackId}: ${pack.total} licences, product version id ${pack.productVersionId}, type ${pack.type}, channel ${pack.channel}${pack.description ? ` (${pack.description})` : ''}: not counted by rdsctl`);
  }
  if (unexpressed.length > 0) notes.unshift({ path: [], lines: ['Installed, but not expressible in the spec:', ...unexpressed.map((line) => `  ${line}`)] });
  return { keyPacks, notes, warnings };
}

function keyPackFor(group: KeyPackGroup, total: number): KeyPackSpec | undefined {
  const name = `${group.channel}-${group.product.replace(/^windowsServer/, '').toLowerCase()}-${group.type === 'perUser' ? 'user' : 'device'}`;
  const counts = { product: group.product, type: group.type, quantity: total };
  const secret = (what: string): SecretRef => ({ env: `RDS_${name.replace(/-/g, '_').toUpperCase()}_${what}` });
  if (group.channel === 'volume') return { name, program: 'otherAgreement', agreementNumber: secret('AGREEMENT_NUMBER'), ...counts };
  if (group.channel === 'open') return { name, program: 'open', licenseNumber: secret('LICENSE_NUMBER'), authorizationNumber: secret('AUTHORIZATION_NUMBER'), ...counts };
  if (group.channel === 'retail') return { name, program: 'retail', retailKey: secret('KEY'), ...counts };
  return undefined;
}

function placeholderLines(pack: KeyPackSpec): string[] {
  const secrets = [pack.agreementNumber, pack.licenseNumber, pack.authorizationNumber, pack.retailKey].flatMap((ref) => (ref?.env ? [ref.env] : []));
  const programme = pack.program === 'otherAgreement' ? `program (${AGREEMENT_PROGRAMMES}: Windows cannot say which) and ` : '';
  return [`${FILL_IN} ${programme}${secrets.join(' and ')} (never shown again after an install) before an apply installs more of these licences.`];
}

const CHANNEL_ORDER: readonly KeyPackChannel[] = ['volume', 'open', 'retail'];

function compareGroups(a: KeyPackGroup, b: KeyPackGroup): number {
  return a.product.localeCompare(b.product) || b.type.localeCompare(a.type) || rank(a.channel) - rank(b.channel) || a.channel.localeCompare(b.channel);
}

function rank(channel: KeyPackChannel): number {
  const index = CHANNEL_ORDER.indexOf(channel);
  return index < 0 ? CHANNEL_ORDER.length : index;
}

function describe(group: KeyPackGroup): string {
  return `${displayOsVersion(group.product)} ${group.type === 'perUser' ? 'per-user' : 'per-device'}`;
}
