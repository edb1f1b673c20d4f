/** Writes a saved plan atomically: readers see the old file or the whole new one. */
import { changeBases } from '../engine/fingerprint.js';
import { jsonDocumentChunks } from '../io/json-chunks.js';
import type { LiveState } from '../model/live-state.js';
import type { Plan } from '../model/plan.js';
import { writeFileAtomically } from '../providers/lab/write-file-atomically.js';
import type { ConnectionIdentity } from './connection-identity.js';
import { checksumOf, SAVED_PLAN_FORMAT, SAVED_PLAN_FORMAT_VERSION, type SavedPlan, type SavedPlanContent } from './saved-plan.js';

export interface SavePlanInput {
  plan: Plan;
  live: LiveState;
  rdsctlVersion: string;
  specDigest: string;
  connection: ConnectionIdentity;
  now: Date;
  /** The plan's resolved `--target` addresses; empty for the whole estate. */
  targets: readonly string[];
}

export function buildSavedPlan(input: SavePlanInput): SavedPlan {
  const content: SavedPlanContent = {
    format: SAVED_PLAN_FORMAT,
    formatVersion: SAVED_PLAN_FORMAT_VERSION,
    rdsctlVersion: input.rdsctlVersion,
    createdAt: input.now.toISOString(),
    specDigest: input.specDigest,
    connection: input.connection,
    plan: input.plan,
    basis: definedEntries(changeBases(input.plan.changes, input.live)),
    targets: [...input.targets],
  };
  // Nothing is copied through JSON: JSON drops what such a copy would (undefined values), so the
  // checksum and the file are the same as for a copy, without a second plan in memory.
  return { ...content, checksum: checksumOf(content) };
}

function definedEntries<T>(record: Record<string, T | undefined>): Record<string, T> {
  const defined: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) defined[key] = value;
  return defined;
}

/** The file is written a change at a time, never as one string. */
export async function writeSavedPlan(file: string, saved: SavedPlan): Promise<void> {
  await writeFileAtomically(file, jsonDocumentChunks(saved, 3));
}
