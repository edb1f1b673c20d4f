import { createHash } from 'node:crypto';
import type { Change } from '../model/change.js';
import { canonicalHostName } from '../model/host-name.js';
import type { LiveState } from '../model/live-state.js';
import { basisOfChange, type ChangeBasis } from './change-basis.js';
import { indexLiveState, type LiveIndex } from './live-index.js';

/**
 * Fingerprints of the live values a plan's changes were computed from: one per host or GPO
 * that has a change apply would make, so a saved plan can be refused when the estate moved on.
 */
export function computeFingerprints(changes: readonly Change[], live: LiveState, index: LiveIndex = indexLiveState(live)): Record<string, string> {
  const bases = changeBases(changes, live, index);
  const byTarget = new Map<string, Record<string, ChangeBasis | undefined>>();
  for (const change of changes) {
    if (!(change.address in bases)) continue;
    const key = fingerprintKey(change.target);
    let values = byTarget.get(key);
    // Without a prototype the record starts as a dictionary: a `{}` given one distinct address
    // each made a hidden class per host, 3 µs a change at 2,500 changes. The JSON is the same.
    if (values === undefined) byTarget.set(key, (values = Object.create(null) as Record<string, ChangeBasis | undefined>));
    values[change.address] = bases[change.address];
  }
  return Object.fromEntries([...byTarget].map(([key, values]) => [key, digest(values)]));
}

/** The key a change's target is fingerprinted under: the host (lower-case) or `gpo:name`. */
export function fingerprintKey(target: Change['target']): string {
  return target.kind === 'host' ? canonicalHostName(target.host) : `gpo:${target.gpo.toLowerCase()}`;
}

/**
 * The basis of every change apply would make, keyed by address. Refused changes are not
 * made, so nothing they were computed from can make a plan stale. `index` is `live` indexed,
 * when the caller has it already.
 */
export function changeBases(changes: readonly Change[], live: LiveState, index: LiveIndex = indexLiveState(live)): Record<string, ChangeBasis | undefined> {
  const bases: Record<string, ChangeBasis | undefined> = {};
  for (const change of changes) {
    if (change.refused) continue;
    const target = change.target;
    bases[change.address] = target.kind === 'host' ? basisOfChange(change, index.host(target.host), undefined) : basisOfChange(change, undefined, index.gpo(target.gpo));
  }
  return bases;
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}
