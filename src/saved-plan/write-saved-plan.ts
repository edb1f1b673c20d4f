/** Writes a saved plan atomically: readers see the old file or the whole new one. */
import { changeBases } from '../engine/fingerprint.js';
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
    basis: JSON.parse(JSON.stringify(changeBases(input.plan.changes, input.live))) as SavedPlanContent['basis'],
  };
  const normalised = JSON.parse(JSON.stringify(content)) as SavedPlanContent;
  return { ...normalised, checksum: checksumOf(normalised) };
}

export async function writeSavedPlan(file: string, saved: SavedPlan): Promise<void> {
  await writeFileAtomically(file, `${JSON.stringify(saved, null, 2)}\n`);
}
