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
import { compactHostNames } from './compact-host-names.js';
import { fitHostNames, wrapLine, wrapLines } from './fit-text.js';
import { sectionChunks } from './section-chunks.js';

export interface PlanTextOptions {
  color: boolean;
  /** The widest a line may be (the terminal's width); unlimited when absent. */
  width?: number;
}

const SIGN_STYLE: Readonly<Record<LineSign, TextStyle>> = {
  '+': 'green',
  '~': 'yellow',
  '-': 'red',
  '!': 'magenta',
  ' ': 'dim',
};

/** The whole plan as one string; `renderPlanTextChunks` gives the same text in pieces. */
export function renderPlanText(plan: Plan, options: PlanTextOptions): string {
  return [...renderPlanTextChunks(plan, options)].join('');
}

/**
 * The plan text a section (a change block, the pending hosts, the summary) at a time, so a
 * plan of 100,000 distinct changes is written as it is rendered, never held whole.
 */
export function* renderPlanTextChunks(plan: Plan, options: PlanTextOptions): Generator<string> {
  const { color } = options;
  const width = options.width ?? Infinity;
  const header = `Plan for deployment ${JSON.stringify(plan.deployment)} (provider ${plan.provider})`;
  yield* sectionChunks(
    (function* () {
      yield wrapLines([paintText(header, 'bold', color)], width);
      yield* renderChanges(plan, color, width);
      yield renderPending(plan, color, width);
      yield renderUnknown(plan, width);
      yield wrapLines(renderDiagnostics(plan, color), width);
      if (plan.hasChanges) yield wrapLine(paintText(formatPlanSummary(plan.summary), 'bold', color), width, '');
    })(),
  );
}

function* renderChanges(plan: Plan, color: boolean, width: number): Generator<string[]> {
  if (!plan.hasChanges) {
    yield wrapLine(describeNoChanges(plan.unknownHosts.length), width);
    return;
  }
  yield ['rdsctl will make these changes, in this order:'];
  for (const group of groupChanges(plan.changes)) {
    const { reason, refused, action, attributes } = group.first;
    const lines = wrapLine(paintText(`  # ${describeChangeSubject(group)} ${describeChangeOutcome(group)}`, 'bold', color), width, '    ');
    if (group.changes.length > 1) lines.push(fitHostNames('    hosts: ', group.hosts, width));
    if (reason !== undefined) lines.push(...wrapLine(`    (${reason})`, width, '     '));
    if (refused !== undefined) lines.push(...wrapLine(formatTextLine({ sign: '!', depth: 0, text: formatRefusal(refused) }, color), width, '          '));
    lines.push(...formatAttributeLines(action, attributes).flatMap((line) => wrapLine(formatTextLine(line, color), width, ATTRIBUTE_HANG)));
    yield lines;
  }
}

// Continuation of an attribute line: under the text after the sign, four more spaces in.
const ATTRIBUTE_HANG = ' '.repeat(12);

const PENDING_INTRO =
  'Pending policy refresh: these hosts take their values from a GPO and pick them up at their next Group Policy refresh; rdsctl makes no change on the hosts themselves.';

function renderPending(plan: Plan, color: boolean, width: number): string[] {
  if (plan.pending.length === 0) return [];
  const lines = wrapLine(PENDING_INTRO, Math.min(width, 100), '');
  for (const group of groupPendingRefreshes(plan.pending)) {
    lines.push('', ...wrapLine(paintText(`  # ${describePendingSubject(group)} ${describePendingOutcome(group)}`, 'bold', color), width, '    '));
    if (group.entries.length > 1) lines.push(fitHostNames('    hosts: ', group.hosts, width));
    lines.push(...formatAttributeLines('update', group.first.attributes).flatMap((line) => wrapLine(formatTextLine(line, color), width, ATTRIBUTE_HANG)));
  }
  return lines;
}

function renderUnknown(plan: Plan, width: number): string[] {
  if (plan.unknownHosts.length === 0) return [];
  const names = compactHostNames(plan.unknownHosts).map((name) => `  ${name}`);
  return [...wrapLine('Unknown: these hosts could not be read; nothing planned for them.', width, ''), ...names];
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
