/**
 * The plan's summary sentences, shared by text and markdown. They read the engine's counts;
 * they never recount changes.
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

/** Users and tests look for this exact sentence. */
export const NO_CHANGES_SENTENCE = 'No changes. The estate matches the spec.';

/**
 * What an empty plan says. With unreadable hosts rdsctl cannot claim the estate matches,
 * only that nothing is planned for the hosts it could read.
 */
export function describeNoChanges(unknownHosts: number): string {
  if (unknownHosts === 0) return NO_CHANGES_SENTENCE;
  return `No changes for the hosts that could be read; ${pluralise(unknownHosts, 'host')} could not be read (see Unknown below).`;
}
