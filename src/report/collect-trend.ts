/**
 * The trend section (with --history): each pool's issued CALs over time and when it runs out at
 * the recent rate, from the same forecast as doctor's capacity rule, given as a range of dates.
 */
import { listCalPools, poolKey, describePool } from '../doctor/cal-pools.js';
import type { DoctorInput, HistoryEntry } from '../doctor/doctor-input.js';
import { FORECAST_METHOD, forecastPool, type ExhaustionForecast } from '../doctor/forecast-exhaustion.js';
import { poolName } from './collect-cal-pool-rows.js';
import type { Anchors } from './report-anchors.js';
import type { PoolTrend, ReportData } from './report-data.js';

const DAY_MS = 86_400_000;

export function collectTrend(input: DoctorInput, history: readonly HistoryEntry[], anchors: Anchors): NonNullable<ReportData['trend']> {
  const pools: PoolTrend[] = [];
  for (const host of input.live.hosts) {
    if (!host.licenseServer) continue;
    for (const pool of listCalPools(host.host, host.licenseServer, input.now)) {
      const key = poolKey(host.host, pool.type, pool.productVersionId);
      const { samples, forecast } = forecastPool({ key, issued: pool.issued, free: pool.free, history, now: input.now });
      const runsOut = datesOf(forecast, input.now);
      pools.push({
        anchor: anchors.of('calpool', poolName(host.host, pool)),
        server: host.host,
        pool: describePool(pool),
        installed: pool.total,
        available: pool.free,
        samples,
        forecast,
        ...(runsOut ? { runsOut } : {}),
      });
    }
  }
  return { method: FORECAST_METHOD, pools };
}

function datesOf(forecast: ExhaustionForecast, now: string): PoolTrend['runsOut'] {
  if (forecast.kind !== 'exhaustion') return undefined;
  const after = (days: number): string => new Date(Date.parse(now) + days * DAY_MS).toISOString().slice(0, 10);
  return { earliest: after(forecast.earliestDays), likely: after(forecast.days), ...(forecast.latestDays === undefined ? {} : { latest: after(forecast.latestDays) }) };
}
