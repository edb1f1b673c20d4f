/**
 * The `rdsctl windows check` report for people, ready to attach to a bug report: per host, one
 * line per assumption (status, whether apply relies on it, the fact's name and what it says),
 * then what the host showed; those that do not apply to the host's roles on one line; hosts
 * that could not be checked last.
 */
import { failedApplyAssumptions, type CheckedAssumption, type ConformanceReport, type HostConformance } from '../model/conformance-report.js';
import { paintText, type TextStyle } from './color.js';
import { escapeDisplayText } from './escape-display-text.js';
import { wrapLine } from './fit-text.js';
import { pluralise } from './pluralise.js';

export interface ConformanceTextOptions {
  color: boolean;
  width?: number;
}

const STATUS_WORD: Readonly<Record<CheckedAssumption['status'], { word: string; style: TextStyle }>> = {
  held: { word: 'held   ', style: 'green' },
  failed: { word: 'FAILED ', style: 'red' },
  unknown: { word: 'unknown', style: 'yellow' },
  notApplicable: { word: 'n/a    ', style: 'dim' },
};

const OBSERVED_INDENT = ' '.repeat(17);

export function renderConformanceText(report: ConformanceReport, options: ConformanceTextOptions): string {
  const width = options.width ?? Infinity;
  const sections = [[paintText(describeReport(report), 'bold', options.color)], ...report.hosts.map((host) => renderHost(host, options.color, width))];
  if (report.errors.length > 0) {
    sections.push(['Could not check:', ...report.errors.flatMap((error) => wrapLine(`  ${escapeDisplayText(error.host)}: ${escapeDisplayText(error.message)}`, width))]);
  }
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

function describeReport(report: ConformanceReport): string {
  const failed = failedApplyAssumptions(report).length;
  const parts = [`${pluralise(report.hosts.length, 'host')} checked`];
  if (report.errors.length > 0) parts.push(`${pluralise(report.errors.length, 'host')} could not be checked`);
  parts.push(failed === 0 ? 'every assumption apply relies on held or could not be settled here' : `${pluralise(failed, 'assumption')} apply relies on did not hold`);
  return `rdsctl windows check: ${parts.join(', ')}`;
}

function renderHost(host: HostConformance, color: boolean, width: number): string[] {
  const roles = host.roles.length === 0 ? 'no RDS licensing role found' : host.roles.join(', ');
  const lines = [paintText(`${escapeDisplayText(host.host)} (${roles}; ${escapeDisplayText(host.windows)})`, 'bold', color)];
  const notApplicable = host.assumptions.filter((assumption) => assumption.status === 'notApplicable');
  for (const assumption of host.assumptions) {
    if (assumption.status === 'notApplicable') continue;
    const status = STATUS_WORD[assumption.status];
    const scope = assumption.appliesTo === 'apply' ? 'apply' : 'read ';
    lines.push(...wrapLine(`  ${paintText(status.word, status.style, color)} ${scope}  ${assumption.fact}: ${escapeDisplayText(assumption.summary)}`, width, OBSERVED_INDENT));
    lines.push(...wrapLine(`${OBSERVED_INDENT}${escapeDisplayText(assumption.observed)}`, width, OBSERVED_INDENT));
  }
  if (notApplicable.length > 0) lines.push(...wrapLine(`  not applicable to this host's roles: ${notApplicable.map((assumption) => assumption.fact).join(', ')}`, width, OBSERVED_INDENT));
  return lines;
}
