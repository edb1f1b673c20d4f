/**
 * The plan as a pull-request comment: summary, a table of changes (grouped as in text), the
 * attribute lines in a `diff` block so GitHub colours them, then pending, unknown and
 * diagnostic notes as bullet lists.
 */
import type { Action } from '../model/change.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Plan } from '../model/plan.js';
import { compactHostNames, summariseHostNames } from './compact-host-names.js';
import {
  describeChangeOutcome,
  describeChangeSubject,
  describePendingOutcome,
  describePendingSubject,
} from './describe-change-group.js';
import { formatAttributeLines, formatRefusal, formatValue, type AttributeLine } from './format-attribute-lines.js';
import { sortDiagnosticsBySeverity } from './format-diagnostic-lines.js';
import { describeNoChanges, formatPlanSummary } from './format-plan-summary.js';
import { groupChanges, groupPendingRefreshes, type ChangeGroup } from './group-changes.js';

const ACTION_CELL: Readonly<Record<Action, string>> = { create: '+ create', update: '~ update', delete: '- delete' };

export function renderPlanMarkdown(plan: Plan): string {
  const sections: string[][] = [[`### rdsctl plan: ${escapeMarkdown(plan.deployment)}`]];
  if (plan.hasChanges) {
    const groups = groupChanges(plan.changes);
    sections.push([`**${escapeMarkdown(formatPlanSummary(plan.summary))}**`], renderTable(groups), renderDiffBlock(groups));
  } else {
    sections.push([escapeMarkdown(describeNoChanges(plan.unknownHosts.length))]);
  }
  sections.push(renderPending(plan), renderUnknown(plan), renderDiagnostics(plan));
  return `${sections
    .filter((lines) => lines.length > 0)
    .map((lines) => lines.join('\n'))
    .join('\n\n')}\n`;
}

/** Escapes text for a table cell or inline markdown: pipes, backticks and markup characters. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_~|<>]/g, (character) => `\\${character}`).replace(/\r?\n/g, ' ');
}

function renderTable(groups: readonly ChangeGroup[]): string[] {
  const rows = groups.map((group) => {
    const { action, refused } = group.first;
    const actionCell = refused === undefined ? ACTION_CELL[action] : `! refused ${action}`;
    const hosts = group.changes.length > 1 ? `: ${summariseHostNames(group.hosts)}` : '';
    const resource = `${describeChangeSubject(group)}${hosts}`;
    const changes = group.first.attributes.map((attribute) =>
      action === 'update' && !Array.isArray(attribute.before) && !Array.isArray(attribute.after)
        ? `${attribute.name}: ${formatValue(attribute.before)} → ${formatValue(attribute.after)}`
        : attribute.name,
    );
    if (refused !== undefined) changes.push(formatRefusal(refused));
    return `| ${escapeMarkdown(actionCell)} | ${escapeMarkdown(resource)} | ${escapeMarkdown(changes.join('; '))} |`;
  });
  return ['| Action | Resource | Changes |', '| --- | --- | --- |', ...rows];
}

function renderDiffBlock(groups: readonly ChangeGroup[]): string[] {
  const body = groups.flatMap((group, index) => {
    const { reason, refused, action, attributes } = group.first;
    const lines = index === 0 ? [] : [''];
    lines.push(`# ${describeChangeSubject(group)} ${describeChangeOutcome(group)}`);
    if (group.changes.length > 1) lines.push(`#   hosts: ${summariseHostNames(group.hosts)}`);
    if (reason !== undefined) lines.push(`#   (${reason})`);
    if (refused !== undefined) lines.push(formatDiffLine({ sign: '!', depth: 0, text: formatRefusal(refused) }));
    lines.push(...formatAttributeLines(action, attributes).map(formatDiffLine));
    return lines;
  });
  const fence = chooseFence(body);
  return [`${fence}diff`, ...body, fence];
}

// The sign comes first so GitHub's diff highlighting colours `+` and `-` lines.
function formatDiffLine(line: AttributeLine): string {
  return `${line.sign} ${'    '.repeat(line.depth)}${line.text}`;
}

// A fence longer than any backtick run inside, so names with backticks cannot close it.
function chooseFence(lines: readonly string[]): string {
  const longest = Math.max(0, ...lines.flatMap((line) => (line.match(/`+/g) ?? []).map((run) => run.length)));
  return '`'.repeat(Math.max(3, longest + 1));
}

function renderPending(plan: Plan): string[] {
  if (plan.pending.length === 0) return [];
  const bullets = groupPendingRefreshes(plan.pending).map((group) => {
    const hosts = group.entries.length > 1 ? ` (${summariseHostNames(group.hosts)})` : '';
    const names = group.first.attributes.map((attribute) => attribute.name).join(', ');
    return `- ${escapeMarkdown(`${describePendingSubject(group)}${hosts} ${describePendingOutcome(group)}: ${names}`)}`;
  });
  return [
    '#### Pending policy refresh',
    '',
    'These hosts take their values from a GPO and pick them up at their next Group Policy refresh; rdsctl makes no change on the hosts themselves.',
    '',
    ...bullets,
  ];
}

function renderUnknown(plan: Plan): string[] {
  if (plan.unknownHosts.length === 0) return [];
  const bullets = compactHostNames(plan.unknownHosts).map((name) => `- ${escapeMarkdown(name)}`);
  return ['#### Unknown', '', 'These hosts could not be read; nothing planned for them.', '', ...bullets];
}

function renderDiagnostics(plan: Plan): string[] {
  if (plan.diagnostics.length === 0) return [];
  return ['#### Diagnostics', '', ...sortDiagnosticsBySeverity(plan.diagnostics).map(formatDiagnosticBullet)];
}

function formatDiagnosticBullet(diagnostic: Diagnostic): string {
  const parts = [`- **${diagnostic.severity}**: ${escapeMarkdown(diagnostic.summary)}`];
  if (diagnostic.detail !== undefined) parts.push(`  ${escapeMarkdown(diagnostic.detail)}`);
  if (diagnostic.hint !== undefined) parts.push(`  Hint: ${escapeMarkdown(diagnostic.hint)}`);
  return parts.join('\n');
}
