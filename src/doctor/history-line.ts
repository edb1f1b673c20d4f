/**
 * One line of the doctor history file (`schemas/doctor-history-line.schema.json`): a JSON
 * object with `formatVersion`, the run's time, issued and total CALs per pool and grace days per
 * session host. Lines written before the version field existed are read as version 1, which
 * they are. A line of a newer version is kept in the file but not read, so an older rdsctl
 * that shares the file never destroys what a newer one wrote.
 */
import type { HistoryEntry } from './doctor-input.js';

export const HISTORY_FORMAT_VERSION = 1;

/** A history line as written to the file. */
export interface HistoryLine {
  formatVersion: 1;
  /** ISO-8601 time of the run. */
  time: string;
  /** Issued and total CALs per pool, keyed `server|type|productVersionId`. */
  pools: Record<string, { issued: number; total: number }>;
  /** Grace days left per session host (canonical name); thinned away from old samples. */
  grace?: Record<string, number>;
}

export type ParsedHistoryLine =
  | { kind: 'entry'; entry: HistoryEntry; time: number }
  /** Written by a newer rdsctl: kept as it is, never read. */
  | { kind: 'newer'; version: number; time: number }
  | { kind: 'invalid' };

export function formatHistoryLine(entry: HistoryEntry): string {
  const line: HistoryLine = { formatVersion: HISTORY_FORMAT_VERSION, time: entry.time, pools: entry.pools, ...(entry.grace ? { grace: entry.grace } : {}) };
  return JSON.stringify(line);
}

export function parseHistoryLine(text: string): ParsedHistoryLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid' };
  }
  if (!isRecord(value)) return { kind: 'invalid' };
  const line = value as Partial<HistoryLine> & { formatVersion?: unknown };
  const time = typeof line.time === 'string' ? Date.parse(line.time) : Number.NaN;
  if (!Number.isFinite(time)) return { kind: 'invalid' };
  const version = line.formatVersion ?? HISTORY_FORMAT_VERSION;
  if (typeof version === 'number' && Number.isInteger(version) && version > HISTORY_FORMAT_VERSION) return { kind: 'newer', version, time };
  if (version !== HISTORY_FORMAT_VERSION || !isCounts(line.pools) || (line.grace !== undefined && !isGrace(line.grace))) return { kind: 'invalid' };
  return { kind: 'entry', entry: { time: line.time!, pools: line.pools, ...(line.grace ? { grace: line.grace } : {}) }, time };
}

// Plain loops: a 10,000-host line holds 10,000 grace values, and a history holds hundreds of lines.
function isCounts(value: unknown): value is HistoryLine['pools'] {
  if (!isRecord(value)) return false;
  for (const key in value) {
    const pool = value[key] as { issued?: unknown; total?: unknown } | null;
    if (pool === null || typeof pool !== 'object' || typeof pool.issued !== 'number' || typeof pool.total !== 'number') return false;
  }
  return true;
}

function isGrace(value: unknown): value is Record<string, number> {
  if (!isRecord(value)) return false;
  for (const key in value) if (typeof value[key] !== 'number') return false;
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
