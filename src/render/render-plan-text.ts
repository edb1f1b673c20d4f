/**
 * The plan for people, in the manner of Terraform: one block per change (identical host
 * changes grouped), then hosts waiting for Group Policy, unreadable hosts, diagnostics and
 * a summary line.
 */
import type { Plan } from '../model/plan.js';
import { paintText, type TextStyle } from './color.js';
import {
  describeChangeOutcome,
  describeChangeSubject,
  describePendingOutcome,
  describePendingSubject,
} from './describe-change-group.js';
import { formatAttributeLines, formatRefusal, type AttributeLine, type LineSign } from './format-attribute-lines.js';
import { formatDiagnosticLines, sortDiagnosticsBySeverity } from './format-diagnostic-lines.js';
import { describeNoChanges, formatPlanSummary } from './format-plan-summary.js';
import { groupChanges, groupPendingRefreshes } from './group-changes.js';
import { compactHostNames, summariseHostNames } from './compact-host-names.js';

export interface PlanTextOptions {
  color: boolean;
}

const SIGN_STYLE: Readonly<Record<LineSign, TextStyle>> = {
  '+': 'green',
  '~': 'yellow',
  '-': 'red',
  '!': 'magenta',
  ' ': 'dim',
};

export function renderPlanText(plan: Plan, options: PlanTextOptions): string {
  const { color } = options;
  const header = `Plan for deployment ${JSON.stringify(plan.deployment)} (provider ${plan.provider})`;
  const sections: string[][] = [
    [paintText(header, 'bold', color)],
    ...renderChanges(plan, color),
    renderPending(plan, color),
    renderUnknown(plan),
    renderDiagnostics(plan, color),
    plan.hasChanges ? [paintText(formatPlanSummary(plan.summary), 'bold', color)] : [],
  ];
  return `${sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')}\n`;
}

function renderChanges(plan: Plan, color: boolean): string[][] {
  if (!plan.hasChanges) return [[describeNoChanges(plan.unknownHosts.length)]];
  const blocks = groupChanges(plan.changes).map((group) => {
    const { reason, refused, action, attributes } = group.first;
    const lines = [paintText(`  # ${describeChangeSubject(group)} ${describeChangeOutcome(group)}`, 'bold', color)];
    if (group.changes.length > 1) lines.push(`    hosts: ${summariseHostNames(group.hosts)}`);
    if (reason !== undefined) lines.push(`    (${reason})`);
    if (refused !== undefined) lines.push(formatTextLine({ sign: '!', depth: 0, text: formatRefusal(refused) }, color));
    lines.push(...formatAttributeLines(action, attributes).map((line) => formatTextLine(line, color)));
    return lines;
  });
  return [['rdsctl will make these changes, in this order:'], ...blocks];
}

function renderPending(plan: Plan, color: boolean): string[] {
  if (plan.pending.length === 0) return [];
  const lines = [
    'Pending policy refresh: these hosts take their values from a GPO and pick them up at their next',
    'Group Policy refresh; rdsctl makes no change on the hosts themselves.',
  ];
  for (const group of groupPendingRefreshes(plan.pending)) {
    lines.push('', paintText(`  # ${describePendingSubject(group)} ${describePendingOutcome(group)}`, 'bold', color));
    if (group.entries.length > 1) lines.push(`    hosts: ${summariseHostNames(group.hosts)}`);
    lines.push(...formatAttributeLines('update', group.first.attributes).map((line) => formatTextLine(line, color)));
  }
  return lines;
}

function renderUnknown(plan: Plan): string[] {
  if (plan.unknownHosts.length === 0) return [];
  const names = compactHostNames(plan.unknownHosts).map((name) => `  ${name}`);
  return ['Unknown: these hosts could not be read; nothing planned for them.', ...names];
}

function renderDiagnostics(plan: Plan, color: boolean): string[] {
  if (plan.diagnostics.length === 0) return [];
  return [
    'Diagnostics:',
    ...sortDiagnosticsBySeverity(plan.diagnostics).flatMap((d) => formatDiagnosticLines(d, { indent: '  ', color })),
  ];
}

function formatTextLine(line: AttributeLine, color: boolean): string {
  const indent = `      ${'    '.repeat(line.depth)}`;
  const style = SIGN_STYLE[line.sign];
  if (line.sign === ' ') return `${indent}${paintText(`  ${line.text}`, style, color)}`;
  if (line.sign === '!') return `${indent}${paintText(`! ${line.text}`, style, color)}`;
  return `${indent}${paintText(line.sign, style, color)} ${line.text}`;
}
