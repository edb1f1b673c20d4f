/**
 * `rdsctl report` as one self-contained HTML file: every chart is SVG rendered now, styles are
 * inline, and there is no script, font or image to fetch, so the file opens from a CI artifact or
 * a mail attachment and prints. A content security policy forbids the page any request at all.
 */
import type { ReportData } from '../report-data.js';
import { escapeHtml } from './escape-html.js';
import { renderCalPoolsSection } from './render-cal-pools-section.js';
import { renderFindingsSection } from './render-findings-section.js';
import { renderGraceSection } from './render-grace-section.js';
import { renderHeader } from './render-header.js';
import { renderInventorySection } from './render-inventory-section.js';
import { renderTopologySection } from './render-topology-section.js';
import { renderTrendSection } from './render-trend-section.js';
import { REPORT_STYLES } from './report-styles.js';

const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const SECTIONS = [
  ['verdict', 'Verdict'],
  ['cal-pools', 'CAL pools'],
  ['grace', 'Grace periods'],
  ['topology', 'Topology'],
  ['findings', 'Findings'],
  ['trend', 'Trend and forecast'],
  ['inventory', 'Issued CALs'],
] as const;

export async function renderReportHtml(data: ReportData): Promise<string> {
  const title = data.deployment === undefined ? 'RDS licensing report' : `RDS licensing report: ${data.deployment}`;
  const sections = [await renderCalPoolsSection(data), await renderGraceSection(data), await renderTopologySection(data), renderFindingsSection(data), await renderTrendSection(data), renderInventorySection(data)];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rdsctl report">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLES}</style>
</head>
<body>
${renderHeader(data)}
<nav aria-label="Sections"><ul>${SECTIONS.map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`).join('')}</ul></nav>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
