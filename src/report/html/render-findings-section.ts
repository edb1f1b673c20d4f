/** Findings: the doctor's root causes, most severe first, each with evidence, the fix and links into the charts. */
import type { ReportData, ReportFinding, ReportRootCause } from '../report-data.js';
import { escapeHtml } from './escape-html.js';
import { capitalise } from './render-header.js';

export function renderFindingsSection(data: ReportData): string {
  const heading = '<h2 id="findings">Findings</h2>';
  if (data.rootCauses.length === 0) return `<section aria-labelledby="findings">${heading}<p class="empty">No findings.</p></section>`;
  return `<section aria-labelledby="findings">${heading}\n${data.rootCauses.map(renderRootCause).join('\n')}</section>`;
}

function renderRootCause(root: ReportRootCause): string {
  const links = root.links.length === 0 ? '' : `<p class="links">In the charts: ${root.links.map((link) => `<a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`).join(', ')}${root.hosts > root.links.length ? ` (${root.hosts} hosts in all)` : ''}</p>`;
  const steps = root.fix.steps && root.fix.steps.length > 0 ? `<ol>${root.fix.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ol>` : '';
  const addresses = root.fix.addresses && root.fix.addresses.length > 0 ? `<p>Addresses: ${root.fix.addresses.map((address) => `<code>${escapeHtml(address)}</code>`).join(', ')}</p>` : '';
  return `<article class="root-cause severity-${root.severity}" id="${escapeHtml(root.anchor)}">
<h3><span class="badge badge-${root.severity}">${escapeHtml(capitalise(root.severity))}</span> <code>${escapeHtml(root.id)}</code> ${escapeHtml(root.title)}</h3>
${links}
${root.findings.map(renderFinding).join('\n')}
<div class="fix"><h4>Fix (${escapeHtml(root.fix.kind)})</h4><p>${escapeHtml(root.fix.summary)}</p>${steps}${addresses}</div>
</article>`;
}

function renderFinding(finding: ReportFinding): string {
  const rows = finding.evidence.map((evidence) => `<tr><td>${escapeHtml(evidence.host)}</td><td>${escapeHtml(evidence.item)}</td><td>${escapeHtml(formatValue(evidence.value))}</td><td>${escapeHtml(evidence.source)}</td></tr>`).join('');
  const omitted = finding.evidenceOmitted > 0 ? `<p class="omitted">and ${finding.evidenceOmitted} more like these</p>` : '';
  const evidence = rows === '' ? '' : `<table class="evidence"><caption>Evidence</caption><thead><tr><th scope="col">Host</th><th scope="col">Looked at</th><th scope="col">Value</th><th scope="col">Source</th></tr></thead><tbody>${rows}</tbody></table>${omitted}`;
  return `<div class="finding"><p><span class="badge badge-${finding.severity}">${escapeHtml(capitalise(finding.severity))}</span> <code>${escapeHtml(finding.id)}</code> ${escapeHtml(finding.title)}</p><p class="cause">${escapeHtml(finding.cause)}</p>${evidence}</div>`;
}

function formatValue(value: ReportFinding['evidence'][number]['value']): string {
  if (Array.isArray(value)) return value.join(', ');
  return value === null ? '(none)' : String(value);
}
