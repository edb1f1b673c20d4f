/**
 * A doctor report for people: a one-line summary, the root causes most severe first, then the
 * findings grouped by severity. Info findings are one line each; the rest show hosts, cause,
 * evidence, fix and, for consequences, the root cause they belong to.
 */
import type { DoctorReport, RootCause } from '../doctor/doctor-report.js';
import { SEVERITIES, type Finding, type FindingSeverity } from '../doctor/finding.js';
import { paintText, type TextStyle } from './color.js';
import { fitHostNames, wrapLine, wrapLines } from './fit-text.js';
import { pluralise } from './pluralise.js';

const STYLE: Readonly<Record<FindingSeverity, TextStyle>> = { critical: 'magenta', error: 'red', warning: 'yellow', info: 'cyan' };

/** `width`: the widest a line may be (the terminal's width); unlimited when absent. */
export function renderDoctorText(report: DoctorReport, options: { color: boolean; width?: number }): string {
  return [...renderDoctorTextChunks(report, options)].join('');
}

/** The same text a root cause or finding at a time, so a report about 100,000 hosts is never one string. */
export function* renderDoctorTextChunks(report: DoctorReport, options: { color: boolean; width?: number }): Generator<string> {
  const { color } = options;
  const width = options.width ?? Infinity;
  yield wrapLine(paintText(describeReport(report), 'bold', color), width).join('\n');
  const problems = report.rootCauses.filter((root) => root.severity !== 'info');
  if (problems.length === 0) {
    yield '\n\nNo licensing problems found.';
  } else {
    yield `\n\n${paintText('Root causes, most severe first:', 'bold', color)}`;
    for (const [index, root] of problems.entries()) yield `\n${renderRootCause(root, index + 1, color, width).join('\n')}`;
  }
  for (const severity of [...SEVERITIES].reverse()) {
    const findings = report.findings.filter((finding) => finding.severity === severity);
    if (findings.length === 0) continue;
    yield `\n\n${paintText(`${severity.toUpperCase()} (${findings.length})`, STYLE[severity], color)}`;
    for (const finding of findings) yield `\n${(severity === 'info' ? renderBrief(finding, width) : renderFinding(finding, color, width)).join('\n')}`;
  }
  yield '\n';
}

export function describeReport(report: DoctorReport): string {
  const { summary } = report;
  const counts = SEVERITIES.slice()
    .reverse()
    .filter((severity) => summary.findings[severity] > 0)
    .map((severity) => `${summary.findings[severity]} ${severity}`);
  const subject = report.deployment ? `rdsctl doctor: ${report.deployment}` : 'rdsctl doctor';
  const scope = `${pluralise(summary.licenseServers, 'licence server')}, ${pluralise(summary.sessionHosts, 'session host')}${summary.unreadableHosts > 0 ? `, ${summary.unreadableHosts} unreadable` : ''}`;
  return `${subject}: ${scope}; ${counts.length > 0 ? counts.join(', ') : 'no findings'}`;
}

function renderRootCause(root: RootCause, index: number, color: boolean, width: number): string[] {
  const consequences = root.findings.length - 1;
  const explains = consequences > 0 ? `explains ${pluralise(consequences, 'other finding')}` : '';
  const hosts = fitHostNames(`     affects ${pluralise(root.hosts.length, 'host')}: `, root.hosts, width);
  // When the host list and what it explains do not fit on one line, the explanation gets its own.
  const lines = explains === '' ? [hosts] : hosts.length + explains.length + 2 <= width ? [`${hosts}; ${explains}`] : [`${hosts};`, `       ${explains}`];
  // One long host-name run can still overflow a narrow terminal: wrap it like any other line.
  const affects = lines.flatMap((line) => wrapLine(line, width, '       '));
  return [
    ...wrapLine(`  ${index}. ${paintText(root.severity.toUpperCase(), STYLE[root.severity], color)} ${root.id}: ${root.title}`, width, '     '),
    ...affects,
    ...wrapLine(`     fix (${root.fix.kind}): ${root.fix.summary}`, width, '       '),
  ];
}

function renderFinding(finding: Finding, color: boolean, width: number): string[] {
  const lines = [`    cause: ${finding.cause}`];
  if (finding.evidence.length > 0) {
    lines.push('    evidence:');
    for (const item of finding.evidence) lines.push(`      ${item.host}  ${item.item} = ${formatEvidence(item.value)}  (${item.source})`);
    if (finding.evidenceOmitted) lines.push(`      … ${finding.evidenceOmitted} more`);
  }
  lines.push(`    fix (${finding.fix.kind}): ${finding.fix.summary}`);
  for (const step of finding.fix.steps ?? []) lines.push(`      - ${step}`);
  if (finding.location) lines.push(`    spec: ${finding.location.file}:${finding.location.line}:${finding.location.column}`);
  if (finding.rootCause !== finding.key) lines.push(`    root cause: ${finding.rootCause}`);
  return [
    ...wrapLine(`  ${paintText(finding.id, 'bold', color)}  ${finding.title}`, width, '    '),
    fitHostNames('    hosts: ', finding.hosts, width),
    ...wrapLines(lines, width),
  ];
}

function renderBrief(finding: Finding, width: number): string[] {
  return wrapLine(`  ${finding.id}  ${finding.title}`, width, '    ');
}

function formatEvidence(value: Finding['evidence'][number]['value']): string {
  if (value === null) return '(none)';
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.join(', ')}]`;
  return String(value);
}
