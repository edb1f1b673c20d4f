/**
 * The plan for machines. The plan value is the contract, described field by field in
 * `schemas/plan.schema.json` (`formatVersion` 1), so it is written as it is.
 */
import type { Plan } from '../model/plan.js';

/** The plan as JSON with a 2-space indent and a trailing newline. */
export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
