/**
 * Intents an earlier run left without an outcome: the run was killed while the change was in
 * flight. They come from this runner's audit log and from the estate's own ledger (which every
 * runner sees); apply reports each once as "started, outcome unknown, now observed as …" and
 * settles it in both.
 */
import type { ChangeIntent } from '../model/change-intent.js';
import type { Plan } from '../model/plan.js';

/** Both lists in time order, each id once (a change recorded in both is the same intent). */
export function mergeIntents(...lists: readonly ChangeIntent[][]): ChangeIntent[] {
  const byId = new Map<string, ChangeIntent>();
  for (const list of lists) for (const intent of list) if (!byId.has(intent.id)) byId.set(intent.id, intent);
  return [...byId.values()].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

/** What this run sees at the intent's address: the plan still has a change there, or not. */
export function observeIntent(intent: ChangeIntent, plan: Plan): string {
  const change = plan.changes.find((candidate) => candidate.address === intent.address);
  if (!change) return 'done (the estate matches the spec there)';
  const values = change.attributes.map((attribute) => `${attribute.name} ${JSON.stringify(attribute.before)} → ${JSON.stringify(attribute.after)}`).join(', ');
  return `still to do (${values || change.action}); this apply makes it`;
}

export function describeUnsettledIntent(intent: ChangeIntent, observation: string): string {
  const who = `${intent.user} on ${intent.machine}${intent.ciRunId ? ` (CI run ${intent.ciRunId})` : ''}`;
  return `${intent.address}: started ${intent.time} by ${who}, outcome unknown, now observed as ${observation}.`;
}
