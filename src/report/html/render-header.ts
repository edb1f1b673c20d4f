/** The report's header: deployment, when, provider, and the verdict (the doctor's top root cause, or healthy). */
import type { ReportData } from '../report-data.js';
import { escapeHtml } from './escape-html.js';

export function renderHeader(data: ReportData): string {
  const title = data.deployment === undefined ? 'RDS licensing report' : `RDS licensing report: ${data.deployment}`;
  const { summary } = data;
  const verdict = data.verdict.healthy
    ? '<p class="verdict verdict-healthy" id="verdict"><strong>Healthy</strong>: no finding at warning or above.</p>'
    : `<p class="verdict verdict-${data.verdict.severity}" id="verdict"><strong>${escapeHtml(capitalise(data.verdict.severity))}</strong>: <a href="#${escapeHtml(data.verdict.anchor)}">${escapeHtml(data.verdict.title)}</a>${data.verdict.rootCauses > 1 ? ` (and ${data.verdict.rootCauses - 1} more root cause${data.verdict.rootCauses === 2 ? '' : 's'})` : ''}</p>`;
  return `<header>
<h1>${escapeHtml(title)}</h1>
<dl class="facts">
<dt>Made</dt><dd><time datetime="${escapeHtml(data.generatedAt)}">${escapeHtml(data.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}</time></dd>
<dt>Provider</dt><dd>${escapeHtml(data.provider)}</dd>
<dt>Licence servers</dt><dd>${summary.licenseServers}</dd>
<dt>Session hosts</dt><dd>${summary.sessionHosts}</dd>
<dt>Unreadable hosts</dt><dd>${summary.unreadableHosts}</dd>
</dl>
${verdict}
</header>`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
