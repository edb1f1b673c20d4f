/**
 * The plan's one-line summary, shared by text and markdown. It reads the engine's counts;
 * it never recounts changes.
 */
import type { PlanSummary } from '../model/plan.js';
import { pluralise } from './pluralise.js';

/** `Plan: 1 to create, 6 to update, 0 to delete, 1 refused. 12 hosts pending policy refresh.` */
export function formatPlanSummary(summary: PlanSummary): string {
  const parts = [
    `Plan: ${summary.create} to create, ${summary.update} to update, ${summary.delete} to delete, ${summary.refused} refused.`,
  ];
  if (summary.pending > 0) parts.push(`${pluralise(summary.pending, 'host')} pending policy refresh.`);
  if (summary.unknown > 0) parts.push(`${pluralise(summary.unknown, 'host')} could not be read.`);
  return parts.join(' ');
}
