/**
 * Staleness as a pure function: the basis of each change in a saved plan (the live values it
 * was computed from, src/engine/change-basis.ts) against the same values read now. A moved
 * value is named by the addresses of the changes computed from it, its property and its value
 * then and now.
 */
import { changeBases, fingerprintKey } from '../engine/fingerprint.js';
import type { LiveState } from '../model/live-state.js';
import type { SavedPlan } from './saved-plan.js';

export interface MovedValue {
  /** The addresses of the plan's changes computed from the value that moved. */
  addresses: string[];
  property: string;
  before: unknown;
  after: unknown;
}

export function findMovedValues(saved: Pick<SavedPlan, 'plan' | 'basis'>, fresh: LiveState): MovedValue[] {
  const now = JSON.parse(JSON.stringify(changeBases(saved.plan.changes, fresh))) as Record<string, unknown>;
  const moved = new Map<string, MovedValue>();
  for (const change of saved.plan.changes) {
    if (!(change.address in saved.basis)) continue;
    for (const difference of diffValues(saved.basis[change.address], now[change.address], '')) {
      const key = JSON.stringify([fingerprintKey(change.target), difference.property, difference.before, difference.after]);
      const entry = moved.get(key);
      if (entry) entry.addresses.push(change.address);
      else moved.set(key, { addresses: [change.address], ...difference });
    }
  }
  return [...moved.values()];
}

function diffValues(before: unknown, after: unknown, path: string): { property: string; before: unknown; after: unknown }[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffValues(before[key], after[key], joinPath(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, index) => diffValues(item, after[index], `${path}[${index}]`));
  }
  return [{ property: path === '' ? '(whole resource)' : path, before, after }];
}

/** `licenseServer.firewall`, and `installedLicences[windowsServer2022 perUser volume]` for keys that are not names. */
function joinPath(path: string, key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
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
