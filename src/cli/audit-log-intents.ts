/**
 * Intents an earlier run left without an outcome: the run was killed while the change was in
 * flight. They come from this runner's audit log and from the estate's own ledger (which every
 * runner sees); apply reports each once as "started, outcome unknown, now observed as …" and
 * settles it in both.
 */
import { readUnsettledIntentsFrom } from '../ledger/read-intent-log.js';
import { isAddressSelectedBy } from '../model/address.js';
import type { ChangeIntent } from '../model/change-intent.js';
import type { LiveState } from '../model/live-state.js';
import type { Plan } from '../model/plan.js';
import type { Provider } from '../providers/provider.js';
import type { AuditLog } from './audit-log.js';

export interface EarlierIntentsInput {
  plan: Plan;
  live: LiveState;
  /** The addresses the plan was limited to; empty for the whole estate. */
  targets: readonly string[];
  provider: Provider;
  /** The audit log's file, and the log open on it for this run. */
  auditFile: string;
  audit: AuditLog;
}

/**
 * Reports and settles, once each, the intents an earlier run left without an outcome inside the
 * plan's targets (a targeted plan cannot observe addresses outside them: their intents wait for a
 * run that can). Each is observed against `plan`, recorded as observed in the audit log and
 * settled in the estate's ledger. Returns one line per intent, for the user.
 */
export async function settleEarlierIntents(input: EarlierIntentsInput): Promise<string[]> {
  const { plan, targets } = input;
  const fromLog = await readUnsettledIntentsFrom(input.auditFile, 'audit', plan.deployment);
  const fromEstate = (await input.provider.unsettledIntents?.(input.live)) ?? [];
  const inScope = (address: string): boolean => targets.length === 0 || targets.some((target) => isAddressSelectedBy(address, target));
  const settled = mergeIntents(fromLog, fromEstate)
    .filter((intent) => inScope(intent.address))
    .map((intent) => ({ intent, observation: observeIntent(intent, plan) }));
  const inEstate = new Set(fromEstate.map((intent) => intent.id));
  const settledInEstate = settled.filter(({ intent }) => inEstate.has(intent.id));
  if (settledInEstate.length > 0) await input.provider.settleIntents?.(settledInEstate);
  for (const { intent, observation } of settled) input.audit.observed(intent, observation);
  return settled.map(({ intent, observation }) => describeUnsettledIntent(intent, observation));
}

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
