/**
 * CAL pools: per licence server and (product, CAL type), issued and available CALs as one bar
 * (installed is their sum), the spec's declared quantity as a black tick, and
 * `policy.minFreeCals` as a red tick where issuing leaves fewer free CALs than the policy wants.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CalPoolRow, ReportData } from '../report-data.js';
import { escapeHtml } from './escape-html.js';
import { COLORS } from './report-colors.js';
import { renderChartSvg } from './render-chart-svg.js';
import { renderFigure } from './render-figure.js';

export async function renderCalPoolsSection(data: ReportData): Promise<string> {
  const rows = data.calPools;
  const heading = '<h2 id="cal-pools">CAL pools</h2>';
  if (rows.length === 0) return `<section aria-labelledby="cal-pools">${heading}<p class="empty">No licence server reported purchased CALs.</p></section>`;
  const svg = await renderChartSvg(chartSpec(rows), {
    id: 'chart-cal-pools',
    title: 'Issued and available CALs per pool',
    description: rows.map((row) => `${label(row)}: ${row.issued} issued, ${row.available} available of ${row.installed} installed${row.declared === undefined ? '' : `, ${row.declared} declared`}`).join('; '),
  });
  const table = {
    chart: 'chart-cal-pools',
    caption: 'CAL pools',
    columns: ['Licence server', 'Pool', 'Installed', 'Issued', 'Available', 'Over-allocated', 'Declared', 'Minimum free'],
    numeric: [2, 3, 4, 5, 6, 7],
    rows: rows.map((row) => [{ text: row.server, rowId: row.anchor }, row.pool, row.installed, row.issued, row.available, row.overAllocated, row.declared ?? '', row.minFreeCals]),
  };
  const legend = `<p class="legend">Dark bar: issued; light bar: available; black tick: quantity the spec declares; red tick: issuing past it leaves fewer than <code>policy.minFreeCals</code> (${escapeHtml(rows[0]!.minFreeCals)}) free.</p>`;
  return `<section aria-labelledby="cal-pools">${heading}${legend}${renderFigure({ svg, caption: 'Issued and available CALs per licence server and pool.', table })}</section>`;
}

function label(row: CalPoolRow): string {
  return `${row.server}: ${row.pool}`;
}

function chartSpec(rows: readonly CalPoolRow[]): TopLevelSpec {
  const bars = rows.flatMap((row) => [
    { pool: label(row), part: 'issued', value: Math.min(row.issued, row.installed) },
    { pool: label(row), part: 'available', value: row.available },
    ...(row.overAllocated > 0 ? [{ pool: label(row), part: 'over-allocated', value: row.overAllocated }] : []),
  ]);
  const ticks = rows.flatMap((row) => [
    ...(row.declared === undefined ? [] : [{ pool: label(row), mark: 'declared', value: row.declared }]),
    { pool: label(row), mark: 'minimum free', value: Math.max(0, row.installed - row.minFreeCals) },
  ]);
  const y = { field: 'pool', type: 'nominal', title: null, sort: null } as const;
  return {
    width: 520,
    height: { step: 28 },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar' },
        encoding: {
          y,
          x: { field: 'value', type: 'quantitative', stack: 'zero', title: 'CALs' },
          color: { field: 'part', type: 'nominal', title: null, scale: { domain: ['issued', 'available', 'over-allocated'], range: [COLORS.issued, COLORS.available, COLORS.overAllocated] }, legend: { orient: 'bottom' } },
        },
      },
      {
        data: { values: ticks },
        mark: { type: 'tick', thickness: 3, size: 24 },
        encoding: {
          y,
          x: { field: 'value', type: 'quantitative' },
          color: { field: 'mark', type: 'nominal', title: null, scale: { domain: ['declared', 'minimum free'], range: [COLORS.declared, COLORS.threshold] }, legend: { orient: 'bottom' } },
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
    config: { axisY: { labelLimit: 420 } },
  } as TopLevelSpec;
}
