/**
 * When a CAL pool runs out at the recent rate: a least-squares line through issued CALs over the
 * last samples (earlier runs from the history file, then this run), extrapolated to the pool's
 * total. The line's slope carries a standard error, so the answer is a range of days, not a
 * date pretending to be exact. "No forecast" is a valid answer (too few samples, or issuing flat
 * or falling) and says why. Pure: the samples and the time come in as data.
 */

import type { HistoryEntry } from './doctor-input.js';

const DAY_MS = 86_400_000;

/** How many of the newest samples the line is fitted to. */
export const FORECAST_SAMPLES = 14;

export const FORECAST_METHOD = `least-squares line over the last ${FORECAST_SAMPLES} samples of issued CALs; range is the slope plus or minus one standard error`;

export interface IssuedSample {
  /** ISO-8601 time. */
  time: string;
  issued: number;
}

export type ExhaustionForecast =
  | {
      kind: 'exhaustion';
      /** CALs issued per day, from the fitted line. */
      perDay: number;
      /** Days until no CAL is free at `perDay`. */
      days: number;
      /** Soonest, at the slope plus one standard error. */
      earliestDays: number;
      /** Latest, at the slope minus one standard error; absent when that slope is not positive. */
      latestDays?: number;
      /** Issued CALs gained between the first and the last sample used. */
      growth: number;
      /** Time of the first sample used. */
      since: string;
      samples: number;
    }
  | { kind: 'none'; reason: 'too few samples' | 'issuing is not growing'; samples: number };

/** Samples in any order; the newest `FORECAST_SAMPLES` at or before `now` are used. */
export function forecastExhaustion(samples: readonly IssuedSample[], free: number, now: string): ExhaustionForecast {
  const until = Date.parse(now);
  const used = samples
    .filter((sample) => Number.isFinite(Date.parse(sample.time)) && Date.parse(sample.time) <= until)
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time))
    .slice(-FORECAST_SAMPLES);
  const first = used[0];
  const last = used.at(-1);
  if (!first || !last || used.length < 2 || Date.parse(last.time) === Date.parse(first.time)) {
    return { kind: 'none', reason: 'too few samples', samples: used.length };
  }
  const xs = used.map((sample) => (Date.parse(sample.time) - Date.parse(first.time)) / DAY_MS);
  const ys = used.map((sample) => sample.issued);
  const { slope, standardError } = fitLine(xs, ys);
  if (!(slope > 0)) return { kind: 'none', reason: 'issuing is not growing', samples: used.length };
  const latestSlope = slope - standardError;
  return {
    kind: 'exhaustion',
    perDay: slope,
    days: Math.floor(free / slope),
    earliestDays: Math.floor(free / (slope + standardError)),
    ...(latestSlope > 0 ? { latestDays: Math.floor(free / latestSlope) } : {}),
    growth: last.issued - first.issued,
    since: first.time,
    samples: used.length,
  };
}

/** Ordinary least squares: slope and its standard error (0 with two points, which fit exactly). */
function fitLine(xs: readonly number[], ys: readonly number[]): { slope: number; standardError: number } {
  const n = xs.length;
  const meanX = xs.reduce((sum, x) => sum + x, 0) / n;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i += 1) {
    sxx += (xs[i]! - meanX) ** 2;
    sxy += (xs[i]! - meanX) * (ys[i]! - meanY);
  }
  const slope = sxy / sxx;
  if (n <= 2) return { slope, standardError: 0 };
  let residuals = 0;
  for (let i = 0; i < n; i += 1) residuals += (ys[i]! - (meanY + slope * (xs[i]! - meanX))) ** 2;
  return { slope, standardError: Math.sqrt(residuals / (n - 2) / sxx) };
}

export interface PoolForecast {
  /** The pool's issued CALs over time: earlier runs from the history, then this run; oldest first. */
  samples: readonly IssuedSample[];
  forecast: ExhaustionForecast;
}

/**
 * One pool's samples and forecast: its issued count in each earlier history entry that has it,
 * then `issued` now. Doctor's capacity rule and the report both ask this one function.
 */
export function forecastPool(request: { key: string; issued: number; free: number; history: readonly HistoryEntry[]; now: string }): PoolForecast {
  const until = Date.parse(request.now);
  const earlier = request.history
    .filter((entry) => entry.pools[request.key] !== undefined && Date.parse(entry.time) < until)
    .map((entry) => ({ time: entry.time, issued: entry.pools[request.key]!.issued }));
  const samples = [...earlier, { time: request.now, issued: request.issued }].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  return { samples, forecast: forecastExhaustion(samples, request.free, request.now) };
}
