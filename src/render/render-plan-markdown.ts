/**
 * The plan as a pull-request comment. A summary comes first: the plan's counts, changes by
 * resource kind and action, whether the plan is fresh, unknown hosts and pending refreshes,
 * and each refused change with the policy key that would allow it. Then the change table,
 * diagnostics and per-host details collapsed in `<details>`, cut to stay under a size cap with
 * a note of what was cut (fit-markdown-sections.ts).
 */
import type { ResourceKind } from '../model/address.js';
import { describeAllowance, type Action, type Change } from '../model/change.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Plan } from '../model/plan.js';
import type { PlanFreshness } from '../model/plan-freshness.js';
import { compactHostNames, summariseHostNames } from './compact-host-names.js';
import {
  describeChangeOutcome,
  describeChangeSubject,
  describePendingOutcome,
  describePendingSubject,
} from './describe-change-group.js';
import { fitMarkdownSections, MARKDOWN_SIZE_CAP, renderEach, type MarkdownSection } from './fit-markdown-sections.js';
import { formatAttributeLines, formatRefusal, formatValue, type AttributeLine } from './format-attribute-lines.js';
import { sortDiagnosticsBySeverity } from './format-diagnostic-lines.js';
import { describeNoChanges, formatPlanSummary } from './format-plan-summary.js';
import { groupChanges, groupPendingRefreshes, type ChangeGroup } from './group-changes.js';
import { pluralise } from './pluralise.js';

const ACTION_CELL: Readonly<Record<Action, string>> = { create: '+ create', update: '~ update', delete: '- delete' };

export interface PlanMarkdownOptions {
  /** Shown in the summary when known: a plan just made is fresh; a saved one is checked or not. */
  freshness?: PlanFreshness;
  /** Size cap in characters (default 60,000). */
  cap?: number;
  /** Where the whole plan can be read when the comment was cut. */
  whole?: string;
}

export function renderPlanMarkdown(plan: Plan, options: PlanMarkdownOptions = {}): string {
  const head: string[][] = [[`### rdsctl plan: ${escapeMarkdown(plan.deployment)}`]];
  const groups = groupChanges(plan.changes);
  if (plan.hasChanges) head.push([`**${escapeMarkdown(formatPlanSummary(plan.summary))}**`], renderKindTable(plan.changes));
  else head.push([escapeMarkdown(describeNoChanges(plan.unknownHosts.length))]);
  head.push(renderStatusTable(plan, options.freshness));
  const sections: MarkdownSection[] = [
    staleSection(options.freshness),
    refusedSection(groups),
    changesSection(groups),
    unknownSection(plan),
    diagnosticsSection(plan),
    detailsSection(plan.changes),
    pendingSection(plan),
  ];
  const text = head.filter((lines) => lines.length > 0).map((lines) => lines.join('\n')).join('\n\n');
  return fitMarkdownSections(text, sections, { cap: options.cap ?? MARKDOWN_SIZE_CAP, whole: options.whole ?? 'rdsctl plan prints the whole plan as text or --json.' });
}

/** Escapes text for a table cell or inline markdown: pipes, backticks and markup characters. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_~|<>]/g, (character) => `\\${character}`).replace(/\r?\n/g, ' ');
}

function renderKindTable(changes: readonly Change[]): string[] {
  const counts = new Map<ResourceKind, Record<Action | 'refused', number>>();
  for (const change of changes) {
    const row = counts.get(change.resource) ?? { create: 0, update: 0, delete: 0, refused: 0 };
    row[change.refused === undefined ? change.action : 'refused'] += 1;
    counts.set(change.resource, row);
  }
  const total = { create: 0, update: 0, delete: 0, refused: 0 };
  const rows = [...counts].map(([kind, row]) => {
    for (const key of ['create', 'update', 'delete', 'refused'] as const) total[key] += row[key];
    return `| ${kind} | ${row.create} | ${row.update} | ${row.delete} | ${row.refused} |`;
  });
  return ['| Resource kind | + create | \\~ update | - delete | ! refused |', '| --- | ---: | ---: | ---: | ---: |', ...rows, `| **total** | ${total.create} | ${total.update} | ${total.delete} | ${total.refused} |`];
}

function renderStatusTable(plan: Plan, freshness: PlanFreshness | undefined): string[] {
  const rows: string[] = [];
  if (freshness !== undefined) rows.push(`| Freshness | ${describeFreshness(freshness)} |`);
  if (plan.changes.some((change) => change.refused !== undefined)) rows.push(`| Refused | ${pluralise(plan.summary.refused, 'change')}, see below |`);
  if (plan.unknownHosts.length > 0) rows.push(`| Unknown hosts | ${plan.unknownHosts.length}: ${escapeMarkdown(summariseHostNames(plan.unknownHosts))} |`);
  if (plan.pending.length > 0) rows.push(`| Pending policy refresh | ${pluralise(plan.pending.length, 'host')} |`);
  return rows.length === 0 ? [] : ['| Status | |', '| --- | --- |', ...rows];
}

function describeFreshness(freshness: PlanFreshness): string {
  if (freshness.state === 'fresh') return `fresh: ${escapeMarkdown(freshness.detail)}`;
  if (freshness.state === 'stale') return `**stale**: ${pluralise(freshness.reasons.length, 'value')} moved since the plan was made; apply refuses it until it is planned again`;
  return `not checked: ${escapeMarkdown(freshness.detail)}`;
}

function staleSection(freshness: PlanFreshness | undefined): MarkdownSection {
  const reasons = freshness?.state === 'stale' ? freshness.reasons : [];
  return { heading: ['#### Why the plan is stale', ''], ...renderEach(reasons, (reason) => `- ${escapeMarkdown(reason)}`), joiner: '\n', noun: 'stale value' };
}

function refusedSection(groups: readonly ChangeGroup[]): MarkdownSection {
  const items = renderEach(
    groups.filter((group) => group.first.refused !== undefined),
    (group) => {
      const refused = group.first.refused!;
      const hosts = group.changes.length > 1 ? `: ${summariseHostNames(group.hosts)}` : '';
      const allow = refused.policyKey === undefined ? describeAllowance(refused) : `set ${refused.policyKey}: true`;
      return `| ${escapeMarkdown(`${describeChangeSubject(group)}${hosts}`)} | ${escapeMarkdown(refused.rule)} | ${escapeMarkdown(allow)} |`;
    },
  );
  return { heading: ['#### Refused changes', '', '| Change | Guard rail | To allow |', '| --- | --- | --- |'], ...items, joiner: '\n', noun: 'refused change row' };
}

function changesSection(groups: readonly ChangeGroup[]): MarkdownSection {
  const items = renderEach(groups, (group) => {
    const { action, refused } = group.first;
    const actionCell = refused === undefined ? ACTION_CELL[action] : `! refused ${action}`;
    const hosts = group.changes.length > 1 ? `: ${summariseHostNames(group.hosts)}` : '';
    const changes = group.first.attributes.map((attribute) =>
      action === 'update' && !Array.isArray(attribute.before) && !Array.isArray(attribute.after)
        ? `${attribute.name}: ${formatValue(attribute.before)} → ${formatValue(attribute.after)}`
        : attribute.name,
    );
    if (refused !== undefined) changes.push(formatRefusal(refused));
    return `| ${escapeMarkdown(actionCell)} | ${escapeMarkdown(`${describeChangeSubject(group)}${hosts}`)} | ${escapeMarkdown(changes.join('; '))} |`;
  });
  return { heading: ['#### Changes', '', '| Action | Resource | Changes |', '| --- | --- | --- |'], ...items, joiner: '\n', noun: 'change row' };
}

function unknownSection(plan: Plan): MarkdownSection {
  const items = renderEach(compactHostNames(plan.unknownHosts), (name) => `- ${escapeMarkdown(name)}`);
  return { heading: ['#### Unknown', '', 'These hosts could not be read; nothing planned for them.', ''], ...items, joiner: '\n', noun: 'unknown host line' };
}

function diagnosticsSection(plan: Plan): MarkdownSection {
  return { heading: ['#### Diagnostics', ''], ...renderEach(sortDiagnosticsBySeverity(plan.diagnostics), formatDiagnosticBullet), joiner: '\n', noun: 'diagnostic' };
}

/** One collapsed block per host or GPO, its changes as a `diff` block so GitHub colours them. */
function detailsSection(changes: readonly Change[]): MarkdownSection {
  const byTarget = new Map<string, Change[]>();
  for (const change of changes) {
    const key = change.target.kind === 'host' ? change.target.host.toLowerCase() : `gpo[${change.target.gpo}]`;
    const targetChanges = byTarget.get(key);
    if (targetChanges === undefined) byTarget.set(key, [change]);
    else targetChanges.push(change);
  }
  const items = renderEach([...byTarget], ([target, targetChanges]) => {
    const body = renderDiffBlock(groupChanges(targetChanges));
    return [`<details><summary>${escapeHtml(target)}: ${pluralise(targetChanges.length, 'change')}</summary>`, '', ...body, '', '</details>'].join('\n');
  });
  return { heading: ['#### Details by host', ''], ...items, joiner: '\n\n', noun: 'host detail' };
}

function renderDiffBlock(groups: readonly ChangeGroup[]): string[] {
  const body = groups.flatMap((group, index) => {
    const { reason, refused, action, attributes } = group.first;
    const lines = index === 0 ? [] : [''];
    lines.push(`# ${describeChangeSubject(group)} ${describeChangeOutcome(group)}`);
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

function pendingSection(plan: Plan): MarkdownSection {
  const items = renderEach(groupPendingRefreshes(plan.pending), (group) => {
    const hosts = group.entries.length > 1 ? ` (${summariseHostNames(group.hosts)})` : '';
    const names = group.first.attributes.map((attribute) => attribute.name).join(', ');
    return `- ${escapeMarkdown(`${describePendingSubject(group)}${hosts} ${describePendingOutcome(group)}: ${names}`)}`;
  });
  const why = 'These hosts take their values from a GPO and pick them up at their next Group Policy refresh; rdsctl makes no change on the hosts themselves.';
  return { heading: ['#### Pending policy refresh', '', why, ''], ...items, joiner: '\n', noun: 'pending line' };
}

function formatDiagnosticBullet(diagnostic: Diagnostic): string {
  const parts = [`- **${diagnostic.severity}**: ${escapeMarkdown(diagnostic.summary)}`];
  if (diagnostic.detail !== undefined) parts.push(`  ${escapeMarkdown(diagnostic.detail)}`);
  if (diagnostic.hint !== undefined) parts.push(`  Hint: ${escapeMarkdown(diagnostic.hint)}`);
  return parts.join('\n');
}

/** Escapes text for HTML inside markdown (`<summary>`), where backslash escapes do not apply. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => `&#${character.codePointAt(0)};`);
}
