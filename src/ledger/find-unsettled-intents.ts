/**
 * Intents without an outcome in a log of intent lines (the audit log, the lab's estate ledger):
 * one JSON object a line, `event` `intent` opens an id, any later line with that id (`outcome`,
 * `observed`) settles it. A line cut short by a crash, a hand edit, another deployment's line or
 * one whose fields are not plain text (a control character could rewrite the terminal) is not an
 * intent and is skipped.
 */
import type { ChangeIntent } from '../model/change-intent.js';
import { CONTROL_CHARACTER } from '../model/control-characters.js';

const TEXT_FIELDS = ['id', 'time', 'address', 'user', 'machine', 'planDigest'] as const;

export function findUnsettledIntents(text: string, deployment: string): ChangeIntent[] {
  const open = new Map<string, ChangeIntent>();
  for (const line of text.split('\n')) {
    const entry = parseLine(line);
    if (entry === undefined || entry.deployment !== deployment || typeof entry.id !== 'string') continue;
    if (entry.event !== 'intent') {
      open.delete(entry.id);
      continue;
    }
    const intent = toIntent(entry);
    if (intent) open.set(intent.id, intent);
  }
  return [...open.values()];
}

function parseLine(line: string): Record<string, unknown> | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function toIntent(entry: Record<string, unknown>): ChangeIntent | undefined {
  const plain = (value: unknown): value is string => typeof value === 'string' && value !== '' && !CONTROL_CHARACTER.test(value);
  if (!TEXT_FIELDS.every((field) => plain(entry[field]))) return undefined;
  const ciRunId = entry.ciRunId;
  if (ciRunId !== undefined && !plain(ciRunId)) return undefined;
  const intent: ChangeIntent = {
    id: entry.id as string,
    time: entry.time as string,
    address: entry.address as string,
    user: entry.user as string,
    machine: entry.machine as string,
    planDigest: entry.planDigest as string,
  };
  return typeof ciRunId === 'string' ? { ...intent, ciRunId } : intent;
}
