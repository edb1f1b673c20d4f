/**
 * The opt-in history file (`doctor --history FILE`): one JSON line per run with issued and total
 * CALs per pool and grace days per session host, so later runs can estimate days until a pool
 * runs out and notice grace periods that went up. Only counts are kept, never secrets.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readRegularTextFile } from '../io/read-regular-file.js';
import { canonicalHostName } from '../model/host-name.js';
import type { LiveState } from '../model/live-state.js';
import { isRdsctlError, RdsctlError } from '../model/rdsctl-error.js';
import { listCalPools, poolKey } from './cal-pools.js';
import type { HistoryEntry } from './doctor-input.js';

const KEEP_DAYS = 400;

export function createHistoryEntry(live: LiveState, now: string): HistoryEntry {
  const pools: HistoryEntry['pools'] = {};
  const grace: Record<string, number> = {};
  for (const host of live.hosts) {
    if (host.licenseServer) {
      for (const pool of listCalPools(host.host, host.licenseServer, now)) {
        pools[poolKey(host.host, pool.type, pool.productVersionId)] = { issued: pool.issued, total: pool.total };
      }
    }
    if (host.sessionHost) grace[canonicalHostName(host.host)] = host.sessionHost.graceDaysLeft;
  }
  return { time: now, pools, grace };
}

/**
 * Entries of the last 400 days, oldest first; a missing file is an empty history. A line that is
 * not a history entry (a torn write, a hand edit) is skipped and reported through `warn`, never
 * fatal: losing one sample must not stop the check the history only enriches.
 */
export async function readHistory(file: string, now: string, warn: (line: string) => void = () => {}): Promise<HistoryEntry[]> {
  let text: string;
  try {
    text = await readRegularTextFile({ file, kind: 'history' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    if (isRdsctlError(error)) throw error;
    throw historyError(file, error);
  }
  const since = Date.parse(now) - KEEP_DAYS * 86_400_000;
  const entries: HistoryEntry[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let entry: HistoryEntry | undefined;
    try {
      entry = JSON.parse(line) as HistoryEntry;
    } catch {
      entry = undefined;
    }
    if (!entry || typeof entry !== 'object' || typeof entry.time !== 'string' || !Number.isFinite(Date.parse(entry.time)) || typeof entry.pools !== 'object' || entry.pools === null) {
      warn(`warning: ${file}:${index + 1}: skipped, not a doctor history line (expected one JSON object with "time" and "pools")`);
      return;
    }
    if (Date.parse(entry.time) >= since) entries.push(entry);
  });
  return entries.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

export async function appendHistory(file: string, entry: HistoryEntry): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await appendFile(file, `${JSON.stringify(entry)}\n`);
  } catch (error) {
    throw historyError(file, error);
  }
}

function historyError(file: string, error: unknown): RdsctlError {
  return new RdsctlError({ code: 'USAGE', kind: 'environment', message: `cannot use the history file ${file}: ${(error as Error).message}`, cause: error });
}
