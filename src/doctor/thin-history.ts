/**
 * Keeps the doctor history bounded (docs/doctor.md, "The history file"). Samples are kept
 * densely while recent and sparsely as they age, the newest sample is never dropped, and
 * per-host grace days, by far the bulk of a line, stay only on recent samples:
 * - the last 24 hours: every sample;
 * - up to 7 days old: the last sample of each hour (UTC);
 * - up to 90 days old: the last sample of each day (UTC);
 * - up to 400 days old: the last sample of each week (7-day periods from 1970-01-01);
 * - older: dropped;
 * - grace days are kept on the newest sample and on samples of the last 24 hours;
 * - if the file would still exceed HISTORY_MAX_BYTES, grace days go from the oldest samples
 *   first, then the oldest samples themselves, until it fits or only the newest is left.
 * Which samples survive depends only on the set of samples and `now`, never on the order in
 * which they were written.
 */
import type { HistoryEntry } from './doctor-input.js';
import { formatHistoryLine } from './history-line.js';

export const HISTORY_MAX_BYTES = 16 * 1024 * 1024;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;
const TIERS: readonly { withinMs: number; bucketMs: number | undefined }[] = [
  { withinMs: DAY_MS, bucketMs: undefined },
  { withinMs: 7 * DAY_MS, bucketMs: HOUR_MS },
  { withinMs: 90 * DAY_MS, bucketMs: DAY_MS },
  { withinMs: 400 * DAY_MS, bucketMs: WEEK_MS },
];
const GRACE_WITHIN_MS = DAY_MS;

/** One line of the file: a sample rdsctl reads, or a line of a newer format kept verbatim. */
export interface HistorySample {
  time: number;
  text: string;
  /** Absent for a line of a newer format: such lines are kept as they are. */
  entry?: HistoryEntry;
}

export interface ThinningOptions {
  now: number;
  maxBytes?: number;
}

/** The samples to keep, oldest first; `samples` must include the newest one (the run just made). */
export function thinHistory(samples: readonly HistorySample[], options: ThinningOptions): HistorySample[] {
  const sorted = [...samples].sort((a, b) => a.time - b.time);
  const newest = sorted.findLast((sample) => sample.entry !== undefined);
  const latestPerBucket = new Map<string, HistorySample>();
  const kept = new Set<HistorySample>();
  for (const sample of sorted) {
    if (sample === newest || sample.entry === undefined) {
      kept.add(sample);
      continue;
    }
    const bucket = bucketOf(sample.time, options.now);
    if (bucket === 'drop') continue;
    if (bucket === 'own') kept.add(sample);
    else latestPerBucket.set(bucket, sample); // sorted: the last one set is the bucket's latest
  }
  for (const sample of latestPerBucket.values()) kept.add(sample);
  const result = sorted.filter((sample) => kept.has(sample)).map((sample) =>
    sample !== newest && sample.entry?.grace !== undefined && options.now - sample.time > GRACE_WITHIN_MS ? withoutGrace(sample) : sample,
  );
  return fitInto(result, newest, options.maxBytes ?? HISTORY_MAX_BYTES);
}

function bucketOf(time: number, now: number): string | 'own' | 'drop' {
  const age = now - time;
  const tier = TIERS.find((candidate) => age <= candidate.withinMs);
  if (tier === undefined) return 'drop';
  return tier.bucketMs === undefined ? 'own' : `${tier.bucketMs}:${Math.floor(time / tier.bucketMs)}`;
}

function withoutGrace(sample: HistorySample): HistorySample {
  const { grace: _grace, ...entry } = sample.entry!;
  return { time: sample.time, entry, text: formatHistoryLine(entry) };
}

/** Sheds grace days, then whole samples, oldest first, until the file fits; never the newest. */
function fitInto(samples: HistorySample[], newest: HistorySample | undefined, maxBytes: number): HistorySample[] {
  const lineBytes = (sample: HistorySample): number => Buffer.byteLength(sample.text) + 1;
  let total = samples.reduce((sum, sample) => sum + lineBytes(sample), 0);
  for (let index = 0; index < samples.length && total > maxBytes; index += 1) {
    const sample = samples[index]!;
    if (sample === newest || sample.entry?.grace === undefined) continue;
    const lighter = withoutGrace(sample);
    total -= lineBytes(sample) - lineBytes(lighter);
    samples[index] = lighter;
  }
  const result: HistorySample[] = [];
  for (const sample of samples) {
    if (total > maxBytes && sample !== newest) {
      total -= lineBytes(sample);
      continue;
    }
    result.push(sample);
  }
  return result;
}
