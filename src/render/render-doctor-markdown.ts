/**
 * The doctor report as a pull-request or ticket comment: summary, a table of root causes, then
 * each finding that is not informational with its cause, fix and hosts; info findings last as
 * bullets.
 */
import type { DoctorReport } from '../doctor/doctor-report.js';
import type { Finding } from '../doctor/finding.js';
import { summariseHostNames } from './compact-host-names.js';
import { describeReport } from './render-doctor-text.js';
import { escapeMarkdown } from './render-plan-markdown.js';

export function renderDoctorMarkdown(report: DoctorReport): string {
  const sections: string[][] = [[`### ${escapeMarkdown(describeReport(report))}`]];
  const roots = report.rootCauses.filter((root) => root.severity !== 'info');
  if (roots.length === 0) {
    sections.push(['No licensing problems found.']);
  } else {
    sections.push([
      '| # | severity | root cause | hosts | fix |',
      '|---|---|---|---|---|',
      ...roots.map((root, index) => `| ${index + 1} | ${root.severity} | \`${root.id}\` ${escapeMarkdown(root.title)} | ${root.hosts.length} | ${root.fix.kind}: ${escapeMarkdown(root.fix.summary)} |`),
    ]);
  }
  const problems = report.findings.filter((finding) => finding.severity !== 'info');
  if (problems.length > 0) sections.push(problems.flatMap(renderFinding));
  const info = report.findings.filter((finding) => finding.severity === 'info');
  if (info.length > 0) sections.push(['**Information**', '', ...info.map((finding) => `- \`${finding.id}\` ${escapeMarkdown(finding.title)}`)]);
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

function renderFinding(finding: Finding): string[] {
  const lines = [
    `#### ${finding.severity}: \`${finding.id}\` ${escapeMarkdown(finding.title)}`,
    '',
    `- **hosts:** ${escapeMarkdown(summariseHostNames(finding.hosts))}`,
    `- **cause:** ${escapeMarkdown(finding.cause)}`,
    `- **fix (${finding.fix.kind}):** ${escapeMarkdown(finding.fix.summary)}`,
    ...(finding.fix.steps ?? []).map((step) => `  - ${escapeMarkdown(step)}`),
  ];
  if (finding.location) lines.push(`- **spec:** \`${finding.location.file}:${finding.location.line}\``);
  if (finding.rootCause !== finding.key) lines.push(`- **root cause:** \`${escapeMarkdown(finding.rootCause)}\``);
  lines.push('');
  return lines;
}
