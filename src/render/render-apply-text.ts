/**
 * The apply report for people: one line per result (what was done beneath it), hosts still
 * pending a policy refresh grouped as the plan groups them, then a closing count that names
 * what was refused. Lines fit the width given, as the plan's do (see fit-text.ts).
 */
import type { ActionResult, ApplyReport, Outcome } from '../model/action-result.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { paintText, type TextStyle } from './color.js';
import { formatDiagnosticLines } from './format-diagnostic-lines.js';
import { fitHostNames, visibleLength, wrapLine, wrapLines } from './fit-text.js';

// The CLI imports both apply renderers from here.
export { renderApplyReportJson, renderApplyReportJsonChunks } from './render-apply-json.js';

export interface ApplyTextOptions {
  color: boolean;
  /** The widest a line may be (the terminal's width); unlimited when absent. */
  width?: number;
}

const SYMBOL: Readonly<Record<Outcome, { symbol: string; style: TextStyle }>> = {
  applied: { symbol: '✓', style: 'green' },
  unchanged: { symbol: '✓', style: 'dim' },
  pending: { symbol: '⧗', style: 'cyan' },
  failed: { symbol: '✗', style: 'red' },
  skipped: { symbol: '-', style: 'yellow' },
  refused: { symbol: '!', style: 'magenta' },
  interrupted: { symbol: '…', style: 'dim' },
};

const DETAIL_INDENT = '      ';
// `  ✓ `: where the text after a result's symbol starts.
const SYMBOL_INDENT = '    ';

export function renderApplyReportText(report: ApplyReport, options: ApplyTextOptions): string {
  const lines = report.results.filter((result) => result.outcome !== 'pending').flatMap((result) => renderApplyResult(result, options));
  const ending = renderApplyEnding(report, options);
  return `${[...lines, ...(lines.length === 0 ? ending.slice(1) : ending)].join('\n')}\n`;
}

/** What follows the per-change lines, after a blank line: the grouped pending hosts, then the count and what was refused. */
export function renderApplyEnding(report: ApplyReport, options: ApplyTextOptions): string[] {
  const { color } = options;
  const width = options.width ?? Infinity;
  const pending = renderPendingResults(report.results.filter((result) => result.outcome === 'pending'), color, width);
  const refused = report.results.filter((result) => result.outcome === 'refused').map((result) => result.address);
  const lines = ['', ...(pending.length > 0 ? [...pending, ''] : []), ...wrapLine(paintText(formatApplySummary(report), 'bold', color), width, '')];
  if (refused.length > 0) lines.push(...wrapLine(`Refused, so the estate still differs from the spec: ${refused.join(', ')}`, width, '  '));
  return lines;
}

/** Hosts still waiting for a Group Policy refresh, one line per GPO with the hosts compacted. */
function renderPendingResults(results: readonly ActionResult[], color: boolean, width: number): string[] {
  const groups = new Map<string, { hosts: string[]; hint?: string }>();
  for (const result of results) {
    const diagnostic = result.diagnostics[0];
    const key = diagnostic?.summary ?? 'waits for a Group Policy refresh';
    const group = groups.get(key) ?? { hosts: [], ...(diagnostic?.hint === undefined ? {} : { hint: diagnostic.hint }) };
    group.hosts.push(result.address.replace(/^sessionHost\[(.*)\]$/, '$1'));
    groups.set(key, group);
  }
  const { symbol, style } = SYMBOL.pending;
  return [...groups].flatMap(([summary, group]) => {
    const subject = group.hosts.length === 1 ? `sessionHost[${group.hosts[0]}]` : `${group.hosts.length} session hosts`;
    const lines = wrapAfterSymbol(paintText(symbol, style, color), `${subject}: pending policy refresh — ${group.hosts.length === 1 ? '' : 'each '}${summary}`, width);
    if (group.hosts.length > 1) lines.push(fitHostNames(`${DETAIL_INDENT}hosts: `, group.hosts, width));
    if (group.hint !== undefined) lines.push(...wrapLine(`${DETAIL_INDENT}hint: ${group.hint}`, width));
    return lines;
  });
}

/** `Apply complete: 3 applied, 1 failed, 2 skipped.` or `Apply interrupted: 3 applied, 4 not started.` */
export function formatApplySummary(report: ApplyReport): string {
  const { summary } = report;
  const counts: Array<[number, string]> = [
    [summary.applied, 'applied'],
    [summary.unchanged, 'unchanged'],
    [summary.pending, 'pending policy refresh'],
    [summary.failed, 'failed'],
    [summary.skipped, 'skipped'],
    [summary.refused, 'refused'],
    [summary.interrupted, 'not started'],
  ];
  const parts = counts.filter(([count], index) => index === 0 || count > 0).map(([count, words]) => `${count} ${words}`);
  return `Apply ${report.interrupted ? 'interrupted' : 'complete'}: ${parts.join(', ')}.`;
}

/** One result: its line, then what was done and any diagnostics beneath it. */
export function renderApplyResult(result: ActionResult, options: ApplyTextOptions): string[] {
  const { color } = options;
  const width = options.width ?? Infinity;
  const { symbol, style } = SYMBOL[result.outcome];
  const { status, timed, explained } = describeStatus(result);
  const duration = timed ? `(${formatDuration(result.durationMs)})` : undefined;
  const lines = wrapAfterSymbol(paintText(symbol, style, color), `${result.address}: ${status}`, width, duration);
  const details = result.performed.map((text) => `${DETAIL_INDENT}${text}`);
  for (const diagnostic of result.diagnostics) {
    if (diagnostic === explained) details.push(...formatExplanation(diagnostic));
    else details.push(...formatDiagnosticLines(diagnostic, { indent: DETAIL_INDENT, color, contextAddress: result.address }));
  }
  return [...lines, ...wrapLines(details, width)];
}

/** The words after the address, whether the duration follows them, and the diagnostic whose summary they already carry. */
function describeStatus(result: ActionResult): { status: string; timed?: boolean; explained?: Diagnostic } {
  const first = result.diagnostics[0];
  switch (result.outcome) {
    case 'applied':
      return { status: 'applied', timed: true };
    case 'unchanged':
      return { status: 'unchanged, already as specified', timed: true };
    case 'pending':
      return { status: 'pending policy refresh' };
    case 'interrupted':
      return { status: 'not started (interrupted)', explained: first };
    case 'failed': {
      const error = result.diagnostics.find((d) => d.severity === 'error') ?? first;
      return error === undefined ? { status: 'failed', timed: true } : { status: `failed — ${error.summary}`, explained: error };
    }
    case 'skipped':
      return first === undefined ? { status: 'skipped' } : { status: `skipped (${first.summary})`, explained: first };
    case 'refused':
      if (first === undefined) return { status: 'refused' };
      // Avoid "refused — refused by guard rail …" when the summary already says it.
      return { status: first.summary.startsWith('refused') ? first.summary : `refused — ${first.summary}`, explained: first };
  }
}

/**
 * `  ✓ text (tail)` wrapped to `width`, continuing under the details: the symbol stays with the
 * address after it, as the plan's `  # ` does, an address wider than the line overflows whole,
 * and the tail (a duration) is never split.
 */
function wrapAfterSymbol(symbol: string, text: string, width: number, tail?: string): string[] {
  const [first = '', ...rest] = wrapLine(text, width - SYMBOL_INDENT.length, ' '.repeat(DETAIL_INDENT.length - SYMBOL_INDENT.length));
  const lines = [`  ${symbol} ${first}`, ...rest.map((line) => `${SYMBOL_INDENT}${line}`)];
  if (tail === undefined) return lines;
  const last = lines.length - 1;
  if (visibleLength(lines[last]!) + 1 + tail.length <= width) lines[last] += ` ${tail}`;
  else lines.push(`${DETAIL_INDENT}${tail}`);
  return lines;
}

/** Detail and hint of a diagnostic whose summary is on the result line already. */
function formatExplanation(diagnostic: Diagnostic): string[] {
  const lines = diagnostic.detail === undefined ? [] : diagnostic.detail.split('\n').map((text) => `${DETAIL_INDENT}${text}`);
  if (diagnostic.hint !== undefined) lines.push(`${DETAIL_INDENT}hint: ${diagnostic.hint}`);
  return lines;
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}
