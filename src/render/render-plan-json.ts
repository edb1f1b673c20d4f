/**
 * The plan for machines. The plan value is the contract, described field by field in
 * `schemas/plan.schema.json` (`formatVersion` 1), so it is written as it is.
 */
import type { Plan } from '../model/plan.js';
import { jsonDocumentChunks } from '../io/json-chunks.js';

/** The plan as JSON with a 2-space indent and a trailing newline. */
export function renderPlanJson(plan: Plan): string {
  return [...renderPlanJsonChunks(plan)].join('');
}

/** The same document a change, pending host or fingerprint at a time. */
export function renderPlanJsonChunks(plan: Plan): Generator<string> {
  return jsonDocumentChunks(plan);
}
