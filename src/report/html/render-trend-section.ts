/**
 * Trend and forecast (with --history): issued CALs per pool over time, and when each pool runs
 * out at the recent rate, as a range of dates. "No exhaustion forecast" is an answer too, with
 * the reason.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { PoolTrend, ReportData } from '../report-data.js';
import { escapeHtml } from './escape-html.js';
import { renderChartSvg } from './render-chart-svg.js';
import { renderFigure } from './render-figure.js';

export async function renderTrendSection(data: ReportData): Promise<string> {
  const heading = '<h2 id="trend">Trend and forecast</h2>';
  if (!data.trend) return `<section aria-labelledby="trend">${heading}<p class="empty">No history: run <code>rdsctl doctor --history FILE</code> on a schedule, then <code>rdsctl report --history FILE</code>, to see issued CALs over time and when each pool runs out.</p></section>`;
  const { pools, method } = data.trend;
  if (pools.length === 0) return `<section aria-labelledby="trend">${heading}<p class="empty">No CAL pool to follow.</p></section>`;
  const svg = await renderChartSvg(chartSpec(pools), {
    id: 'chart-trend',
    title: 'Issued CALs per pool over time',
    description: pools.map((pool) => `${pool.server}: ${pool.pool}: ${describeForecast(pool)}`).join('; '),
  });
  const table = {
    chart: 'chart-trend',
    caption: 'Issued CALs per pool and forecast',
    columns: ['Licence server', 'Pool', 'Samples', 'First sample', 'Issued then', 'Issued now', 'Installed', 'Available', 'Forecast'],
    numeric: [2, 4, 5, 6, 7],
    rows: pools.map((pool) => [{ text: pool.server, href: `#${pool.anchor}` }, pool.pool, pool.samples.length, pool.samples[0]?.time.slice(0, 10) ?? '', pool.samples[0]?.issued ?? '', pool.samples.at(-1)?.issued ?? '', pool.installed, pool.available, describeForecast(pool)]),
  };
  return `<section aria-labelledby="trend">${heading}<p class="legend">Method: ${escapeHtml(method)}.</p>${renderFigure({ svg, caption: 'Issued CALs per pool over time.', table })}</section>`;
}

export function describeForecast(pool: PoolTrend): string {
  const { forecast, runsOut } = pool;
  if (forecast.kind === 'none') return `No exhaustion forecast: ${forecast.reason} (${forecast.samples} sample${forecast.samples === 1 ? '' : 's'})`;
  const range = runsOut!.latest === undefined ? `from ${runsOut!.earliest}, no end in sight at the slowest rate` : runsOut!.earliest === runsOut!.latest ? `on ${runsOut!.likely}` : `between ${runsOut!.earliest} and ${runsOut!.latest}`;
  return `Runs out ${range} (likely ${runsOut!.likely}, in ${forecast.days} days at ${forecast.perDay.toFixed(2)} CALs a day)`;
}

function chartSpec(pools: readonly PoolTrend[]): TopLevelSpec {
  const values = pools.flatMap((pool) => pool.samples.map((sample) => ({ pool: `${pool.server}: ${pool.pool}`, time: sample.time, issued: sample.issued })));
  return {
    width: 720,
    height: 260,
    data: { values },
    mark: { type: 'line', point: pools.length * 20 >= values.length },
    encoding: {
      x: { field: 'time', type: 'temporal', title: null },
      y: { field: 'issued', type: 'quantitative', title: 'Issued CALs' },
      color: { field: 'pool', type: 'nominal', title: null, scale: { scheme: 'tableau10' }, legend: pools.length <= 12 ? { orient: 'bottom', columns: 1, labelLimit: 500 } : null },
    },
  } as TopLevelSpec;
}
