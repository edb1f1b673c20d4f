/**
 * The opt-in history file (`doctor --history FILE`): one JSON line per run (`history-line.ts`)
 * with issued and total CALs per pool and grace days per session host, so later runs can estimate
 * days until a pool runs out and notice grace periods that went up. Only counts are kept, never
 * secrets. Writers hold the history lock and keep the file bounded (`thin-history.ts`). A history
 * path that is a symbolic link is written through the link: its target is rewritten, the link kept.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readRegularTextFile } from '../io/read-regular-file.js';
import { resolveLinkTarget } from '../io/resolve-link-target.js';
import { writeFileAtomically } from '../providers/lab/write-file-atomically.js';
import { canonicalHostName } from '../model/host-name.js';
import type { LiveState } from '../model/live-state.js';
import { isRdsctlError, RdsctlError } from '../model/rdsctl-error.js';
import { listCalPools, poolKey } from './cal-pools.js';
import type { HistoryEntry } from './doctor-input.js';
import { withHistoryLock } from '../lock/history-lock.js';
import { formatHistoryLine, HISTORY_FORMAT_VERSION, parseHistoryLine } from './history-line.js';
import { thinHistory, type HistorySample } from './thin-history.js';

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
 * not a history entry (a torn write, a hand edit) or of a newer format is skipped and reported
 * through `warn`, never fatal: losing one sample must not stop the check the history only enriches.
 */
export async function readHistory(file: string, now: string, warn: (line: string) => void = () => {}): Promise<HistoryEntry[]> {
  const since = Date.parse(now) - KEEP_DAYS * 86_400_000;
  return (await readSamples(file, warn))
    .flatMap((sample) => (sample.entry && sample.time >= since ? [sample.entry] : []))
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

export interface RecordOptions {
  warn?: (line: string) => void;
  /** The size cap (default HISTORY_MAX_BYTES). */
  maxBytes?: number;
  /** Thinning is relative to this time; the entry's own time by default. */
  now?: string;
}

/**
 * Adds this run's sample and keeps the file bounded (`thinHistory`), under the history lock.
 * When nothing has to go, the line is appended; otherwise the thinned file is written beside the
 * old one and renamed into place. Lines that are not history lines go with a rewrite.
 */
export async function recordHistory(file: string, entry: HistoryEntry, options: RecordOptions = {}): Promise<void> {
  const warn = options.warn ?? (() => {});
  try {
    // A symbolic link is written through: lock, append and rewrite the file it points to, so the
    // link stays a link (a rename onto the link would replace it with a copy).
    const target = await resolveLinkTarget(file);
    await mkdir(dirname(target), { recursive: true });
    await withHistoryLock(target, async () => {
      const { samples, invalid, endsInNewline } = await readSamplesWithGaps(target, file);
      const added: HistorySample = { time: Date.parse(entry.time), text: formatHistoryLine(entry), entry };
      const kept = thinHistory([...samples, added], { now: Date.parse(options.now ?? entry.time), ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }) });
      // Unchanged but for the new sample at the end: an append is enough.
      if (kept.length === samples.length + 1 && kept.every((sample, index) => sample === (samples[index] ?? added))) {
        await appendFile(target, `${endsInNewline ? '' : '\n'}${added.text}\n`);
        return;
      }
      for (const line of invalid) warn(`warning: ${file}:${line}: dropped while thinning the history, not a doctor history line`);
      await writeFileAtomically(target, kept.map((sample) => `${sample.text}\n`).join(''));
    });
  } catch (error) {
    if (isRdsctlError(error)) throw error;
    throw historyError(file, error);
  }
}

async function readSamples(file: string, warn: (line: string) => void): Promise<HistorySample[]> {
  const { samples, invalid, newer } = await readSamplesWithGaps(file);
  for (const line of invalid) warn(`warning: ${file}:${line}: skipped, not a doctor history line (expected one JSON object with "time" and "pools")`);
  for (const { line, version } of newer) warn(`warning: ${file}:${line}: skipped, history format ${version} is newer than this rdsctl reads (${HISTORY_FORMAT_VERSION}); the line is kept`);
  return samples;
}

/** Every line of the file in file order, with the numbers of the lines that are not samples. */
async function readSamplesWithGaps(file: string, shownAs = file): Promise<{ samples: HistorySample[]; invalid: number[]; newer: { line: number; version: number }[]; endsInNewline: boolean }> {
  let text: string;
  try {
    text = await readRegularTextFile({ file, kind: 'history', shownAs });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { samples: [], invalid: [], newer: [], endsInNewline: true };
    if (isRdsctlError(error)) throw error;
    throw historyError(shownAs, error);
  }
  const samples: HistorySample[] = [];
  const invalid: number[] = [];
  const newer: { line: number; version: number }[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseHistoryLine(line);
    if (parsed.kind === 'invalid') invalid.push(index + 1);
    else if (parsed.kind === 'newer') {
      newer.push({ line: index + 1, version: parsed.version });
      samples.push({ time: parsed.time, text: line });
    } else samples.push({ time: parsed.time, text: line, entry: parsed.entry });
  });
  return { samples, invalid, newer, endsInNewline: text === '' || text.endsWith('\n') };
}

function historyError(file: string, error: unknown): RdsctlError {
  return new RdsctlError({ code: 'USAGE', kind: 'environment', message: `cannot use the history file ${file}: ${(error as Error).message}`, cause: error });
}
