/**
 * RDSL-CAPACITY: issued against installed CALs per pool (server, CAL type, product version), and,
 * when an opt-in history of earlier runs exists, the days until the pool runs out at the recent
 * rate (forecastExhaustion, the same forecast the report shows). Informational, unless exhaustion
 * is near.
 */
import { licenseServerAddress } from '../../model/address.js';
import { buildFinding } from '../build-finding.js';
import { describePool, listCalPools, poolKey, type CalPool } from '../cal-pools.js';
import type { DoctorRule } from '../doctor-context.js';
import type { HistoryEntry } from '../doctor-input.js';
import type { Finding } from '../finding.js';
import { FORECAST_METHOD, forecastPool, type ExhaustionForecast } from '../forecast-exhaustion.js';

const NEAR_DAYS = 30;

export const reportCapacity: DoctorRule = (context) => {
  const findings: Finding[] = [];
  for (const server of context.view.licenseServers) {
    for (const pool of listCalPools(server.host, server.licenseServer!, context.input.now)) {
      const key = poolKey(server.host, pool.type, pool.productVersionId);
      const trend = estimateExhaustion(pool, key, context.input.history ?? [], context.input.now);
      const near = trend !== undefined && trend.days <= NEAR_DAYS;
      findings.push(
        buildFinding({
          id: 'RDSL-CAPACITY',
          subject: key,
          severity: near ? 'warning' : 'info',
          title: `${server.host}: ${pool.issued} of ${pool.total} ${describePool(pool)} issued, ${pool.free} free${trend ? `; out in about ${trend.days} day(s) at the current rate` : ''}`,
          hosts: [server.host],
          evidence: [
            { host: server.host, item: describePool(pool), value: `${pool.issued} issued of ${pool.total}`, source: 'wmi' },
            ...(trend ? [{ host: server.host, item: `issued since ${trend.since.slice(0, 10)}`, value: `+${trend.growth} (${trend.perDay.toFixed(2)}/day)`, source: 'history' as const }] : []),
          ],
          cause: trend
            ? `At ${trend.perDay.toFixed(2)} more CALs a day since ${trend.since.slice(0, 10)}, the ${pool.free} free CALs last about ${trend.days} day(s).${describeRange(trend)}`
            : 'Issued and installed CALs of this pool.',
          fix: near
            ? { kind: 'manual', summary: `buy more ${describePool(pool)} before the pool runs out` }
            : { kind: 'manual', summary: 'nothing to do; run doctor with --history FILE to see the trend over time' },
          address: licenseServerAddress(server.host),
        }),
      );
    }
  }
  return findings;
};

/** The pool's forecast from its earlier counts in the history and this run's count; undefined when there is none. */
export function estimateExhaustion(pool: CalPool, key: string, history: readonly HistoryEntry[], now: string): (ExhaustionForecast & { kind: 'exhaustion' }) | undefined {
  const { forecast } = forecastPool({ key, issued: pool.issued, free: pool.free, history, now });
  return forecast.kind === 'exhaustion' ? forecast : undefined;
}

function describeRange(forecast: ExhaustionForecast & { kind: 'exhaustion' }): string {
  if (forecast.latestDays === forecast.earliestDays) return '';
  const latest = forecast.latestDays === undefined ? 'no end in sight' : `${forecast.latestDays} day(s)`;
  return ` Between ${forecast.earliestDays} day(s) and ${latest} (${FORECAST_METHOD}).`;
}
