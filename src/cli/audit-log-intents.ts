/**
 * Intents an earlier run left without an outcome: the run was killed while the change was in
 * flight. Apply reports each as "started, outcome unknown, now observed as …" and settles it.
 */
import { readFileSync } from 'node:fs';
import type { Plan } from '../model/plan.js';

export interface AuditIntent {
  id: string;
  time: string;
  address: string;
  user: string;
  machine: string;
  ciRunId?: string;
  planDigest: string;
}

interface AuditLine extends Partial<AuditIntent> {
  event?: string;
  deployment?: string;
}

export function readUnsettledIntents(file: string, deployment: string): AuditIntent[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const open = new Map<string, AuditIntent>();
  for (const line of text.split('\n')) {
    let entry: AuditLine;
    try {
      entry = JSON.parse(line) as AuditLine;
    } catch {
      continue; // a line cut short by a crash, or an empty line
    }
    if (entry.deployment !== deployment || typeof entry.id !== 'string') continue;
    if (entry.event === 'intent') open.set(entry.id, entry as AuditIntent);
    else open.delete(entry.id);
  }
  return [...open.values()];
}

/** What this run sees at the intent's address: the plan still has a change there, or not. */
export function observeIntent(intent: AuditIntent, plan: Plan): string {
  const change = plan.changes.find((candidate) => candidate.address === intent.address);
  if (!change) return 'done (the estate matches the spec there)';
  const values = change.attributes.map((attribute) => `${attribute.name} ${JSON.stringify(attribute.before)} → ${JSON.stringify(attribute.after)}`).join(', ');
  return `still to do (${values || change.action}); this apply makes it`;
}

export function describeUnsettledIntent(intent: AuditIntent, observation: string): string {
  const who = `${intent.user} on ${intent.machine}${intent.ciRunId ? ` (CI run ${intent.ciRunId})` : ''}`;
  return `${intent.address}: started ${intent.time} by ${who}, outcome unknown, now observed as ${observation}.`;
}
