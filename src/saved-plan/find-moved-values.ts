/**
 * Staleness as a pure function: the live values a saved plan's changes were computed from,
 * against the same values read now. Each moved value is named by the addresses it affects and
 * its property path, with its value then and now.
 */
import { fingerprintedValues, fingerprintKey } from '../engine/fingerprint.js';
import type { LiveState } from '../model/live-state.js';
import type { SavedPlan } from './saved-plan.js';

export interface MovedValue {
  /** The addresses of the plan's changes on the target whose value moved. */
  addresses: string[];
  property: string;
  before: unknown;
  after: unknown;
}

export function findMovedValues(saved: Pick<SavedPlan, 'plan' | 'basis'>, fresh: LiveState): MovedValue[] {
  const now = JSON.parse(JSON.stringify(fingerprintedValues(saved.plan.changes, fresh))) as Record<string, unknown>;
  const moved: MovedValue[] = [];
  for (const [key, then] of Object.entries(saved.basis)) {
    const addresses = saved.plan.changes.filter((change) => fingerprintKey(change.target) === key).map((change) => change.address);
    for (const difference of diffValues(then, now[key], '')) moved.push({ addresses, ...difference });
  }
  return moved;
}

function diffValues(before: unknown, after: unknown, path: string): { property: string; before: unknown; after: unknown }[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (path.endsWith('keyPacks') && Array.isArray(before) && Array.isArray(after)) {
    return diffValues(installedTotals(before), installedTotals(after), `${path.slice(0, -'keyPacks'.length)}installedLicences`).map((d) => ({ ...d, property: d.property.replace(/installedLicences\.(.*)$/, 'installedLicences[$1]') }));
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffValues(before[key], after[key], path === '' ? key : `${path}.${key}`));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, index) => diffValues(item, after[index], `${path}[${index}]`));
  }
  return [{ property: path === '' ? '(whole resource)' : path, before, after }];
}

/** Key packs compare as installed totals per (product, type, channel): a new pack that adds licences reads as 200 → 250. */
function installedTotals(packs: readonly unknown[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const pack of packs) {
    if (!isObject(pack)) continue;
    const key = `${String(pack.product)} ${String(pack.type)} ${String(pack.channel)}`;
    totals[key] = (totals[key] ?? 0) + (typeof pack.total === 'number' ? pack.total : 0);
  }
  return totals;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describeMovedValue(value: MovedValue): string {
  const where = value.addresses.length > 0 ? value.addresses.join(', ') : '(unknown address)';
  return `stale plan: ${where}: ${value.property} ${show(value.before)} → ${show(value.after)} since the plan was made`;
}

function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
