/**
 * Grace periods: every session host's grace days left, fewest first, coloured by the warning
 * threshold. A host a licence server licenses is drawn full height in green and labelled
 * licensed: its counter does not matter, and it is never drawn as a host about to run out.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { GraceRow, GraceStatus, ReportData } from '../report-data.js';
import { escapeHtml } from './escape-html.js';
import { COLORS } from './report-colors.js';
import { renderChartSvg } from './render-chart-svg.js';
import { renderFigure } from './render-figure.js';

/** The grace period Windows gives a session host, in days. */
const GRACE_DAYS = 120;
/** Up to this many hosts, each bar is labelled with its host. */
const LABELLED_HOSTS = 60;

const STATUS_LABELS: Readonly<Record<GraceStatus, string>> = {
  expired: 'expired: refuses connections',
  ending: 'ending: below the warning threshold',
  running: 'running: no licence server licenses it',
  licensed: 'licensed: grace period not in use',
};

export async function renderGraceSection(data: ReportData): Promise<string> {
  const { hosts, warningDays } = data.grace;
  const heading = '<h2 id="grace">Grace periods</h2>';
  if (hosts.length === 0) return `<section aria-labelledby="grace">${heading}<p class="empty">No session host was read.</p></section>`;
  const counts = countByStatus(hosts);
  const svg = await renderChartSvg(chartSpec(hosts, warningDays), {
    id: 'chart-grace',
    title: 'Grace days left per session host, fewest first',
    description: `${hosts.length} session hosts: ${(Object.keys(STATUS_LABELS) as GraceStatus[]).map((status) => `${counts[status]} ${STATUS_LABELS[status]}`).join('; ')}. Warning threshold: ${warningDays} days.`,
  });
  const table = {
    chart: 'chart-grace',
    caption: 'Grace days left per session host',
    columns: ['Session host', 'Pool', 'Grace days left', 'Status'],
    numeric: [2],
    rows: hosts.map((row) => [{ text: row.host, rowId: row.anchor }, row.pool ?? '', row.daysLeft, row.licensedBy ? `licensed by ${row.licensedBy}` : STATUS_LABELS[row.status]]),
  };
  const summary = `<p class="legend">${(Object.keys(STATUS_LABELS) as GraceStatus[]).map((status) => `<span class="swatch swatch-${status}"></span>${escapeHtml(STATUS_LABELS[status])}: ${counts[status]}`).join(' · ')}. Warning threshold: ${escapeHtml(warningDays)} days (<code>policy.graceWarningDays</code>).</p>`;
  return `<section aria-labelledby="grace">${heading}${summary}${renderFigure({ svg, caption: 'Grace days left per session host; licensed hosts drawn full height.', table })}</section>`;
}

function countByStatus(hosts: readonly GraceRow[]): Record<GraceStatus, number> {
  const counts: Record<GraceStatus, number> = { expired: 0, ending: 0, running: 0, licensed: 0 };
  for (const host of hosts) counts[host.status] += 1;
  return counts;
}

/**
 * One bar per host while each can be labelled; beyond that, one bar per run of neighbouring hosts
 * with the same status and days (the hosts are sorted, so there are at most a few hundred runs
 * however many hosts there are). Neighbouring bars of one colour and height draw the same picture
 * as one bar as wide as all of them, at a fraction of the SVG.
 */
function chartSpec(hosts: readonly GraceRow[], warningDays: number): TopLevelSpec {
  const labelled = hosts.length <= LABELLED_HOSTS;
  const top = Math.max(GRACE_DAYS, ...hosts.map((host) => host.daysLeft));
  const drawn = (host: GraceRow): number => (host.status === 'licensed' ? top : host.daysLeft);
  const statuses = Object.keys(STATUS_LABELS) as GraceStatus[];
  const color = { field: 'status', type: 'nominal', title: null, scale: { domain: statuses.map((status) => STATUS_LABELS[status]), range: statuses.map((status) => COLORS[status]) }, legend: { orient: 'bottom', columns: 2, labelLimit: 300 } };
  const y = { field: 'days', type: 'quantitative', title: 'Grace days left', scale: { domain: [0, top] } };
  const bars = labelled
    ? {
        data: { values: hosts.map((host) => ({ host: host.host, status: STATUS_LABELS[host.status], days: drawn(host) })) },
        mark: { type: 'bar' },
        encoding: { x: { field: 'host', type: 'ordinal', sort: null, title: null, axis: { labelAngle: -60, labelLimit: 180 } }, y, color },
      }
    : {
        data: { values: runsOf(hosts, drawn) },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'start', type: 'quantitative', title: `${hosts.length} session hosts, fewest days first`, axis: null, scale: { domain: [0, hosts.length], nice: false, zero: true } },
          x2: { field: 'end' },
          y,
          color,
        },
      };
  return {
    width: labelled ? { step: 16 } : 900,
    height: 220,
    layer: [
      bars,
      {
        data: { values: [{ days: warningDays }] },
        mark: { type: 'rule', color: COLORS.text, strokeDash: [4, 3] },
        encoding: { y: { field: 'days', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

/** Neighbouring hosts drawn alike, as [start, end) ranks. */
function runsOf(hosts: readonly GraceRow[], drawn: (host: GraceRow) => number): { start: number; end: number; status: string; days: number }[] {
  const runs: { start: number; end: number; status: string; days: number }[] = [];
  hosts.forEach((host, rank) => {
    const status = STATUS_LABELS[host.status];
    const days = drawn(host);
    const last = runs.at(-1);
    if (last && last.status === status && last.days === days) last.end = rank + 1;
    else runs.push({ start: rank, end: rank + 1, status, days });
  });
  return runs;
}
