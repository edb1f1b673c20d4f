/**
 * A saved plan (`plan --out FILE`): the same `Plan` value, with what `apply FILE` needs to
 * refuse it when it no longer holds: the spec's digest, the provider and connection identity
 * (never credentials), the live values each change was computed from, and a checksum over all
 * of it so a hand-edited or truncated file is refused. Documented in docs/saved-plans.md.
 */
import { createHash } from 'node:crypto';
import { batchChunks } from '../io/batch-chunks.js';
import { jsonChunks } from '../io/json-chunks.js';
import type { ChangeBasis } from '../engine/change-basis.js';
import type { Plan } from '../model/plan.js';
import type { ConnectionIdentity } from './connection-identity.js';

export const SAVED_PLAN_FORMAT = 'rdsctl-saved-plan';
export const SAVED_PLAN_FORMAT_VERSION = 1;

export interface SavedPlanContent {
  format: typeof SAVED_PLAN_FORMAT;
  formatVersion: typeof SAVED_PLAN_FORMAT_VERSION;
  rdsctlVersion: string;
  createdAt: string;
  /** `sha256:` digest of the spec file's bytes. */
  specDigest: string;
  /** Where the plan applies: provider and connection identity, never credentials. */
  connection: ConnectionIdentity;
  plan: Plan;
  /**
   * The live values each change apply would make was computed from, keyed by its address
   * (src/engine/change-basis.ts); `plan.fingerprints` digests them per host or GPO.
   */
  basis: Record<string, ChangeBasis>;
  /**
   * The addresses `plan --target` limited the plan to, with what they pulled in; empty for the
   * whole estate. Apply settles an earlier run's unfinished changes only inside them: the plan
   * observed nothing outside. Absent in plans saved before it was recorded (read as empty).
   */
  targets?: string[];
}

export interface SavedPlan extends SavedPlanContent {
  /** `sha256:` digest of the canonical JSON of every other field. */
  checksum: string;
}

export function checksumOf(content: SavedPlanContent): string {
  return digestCanonicalJson(content);
}

/**
 * `digestBytes(canonicalJson(value))`, hashed a piece at a time: the canonical JSON of a plan
 * of 50,000 distinct changes is never one string. Lists and maps down to the plan's changes and
 * the basis entries are split (three levels).
 */
export function digestCanonicalJson(value: unknown): string {
  const hash = createHash('sha256');
  for (const batch of batchChunks(jsonChunks(value, { indent: 0, splitDepth: 3, sortKeys: true }))) hash.update(batch);
  return `sha256:${hash.digest('hex')}`;
}

export function digestBytes(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** JSON with object keys sorted, so the checksum does not depend on key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
