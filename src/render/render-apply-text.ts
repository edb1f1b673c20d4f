/**
 * The apply report for people: one line per result in plan order, what was done beneath it,
 * then a closing count.
 */
import type { ActionResult, ApplyReport, Outcome } from '../model/action-result.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { paintText, type TextStyle } from './color.js';
import { formatDiagnosticLines } from './format-diagnostic-lines.js';

// The CLI imports both apply renderers from here.
export { renderApplyReportJson } from './render-apply-json.js';

export interface ApplyTextOptions {
  color: boolean;
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

export function renderApplyReportText(report: ApplyReport, options: ApplyTextOptions): string {
  const { color } = options;
  const lines = report.results.flatMap((result) => renderResult(result, color));
  if (lines.length > 0) lines.push('');
  lines.push(paintText(formatApplySummary(report), 'bold', color));
  return `${lines.join('\n')}\n`;
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

function renderResult(result: ActionResult, color: boolean): string[] {
  const { symbol, style } = SYMBOL[result.outcome];
  const { status, explained } = describeStatus(result);
  const lines = [`  ${paintText(symbol, style, color)} ${result.address}: ${status}`];
  lines.push(...result.performed.map((text) => `${DETAIL_INDENT}${text}`));
  for (const diagnostic of result.diagnostics) {
    if (diagnostic === explained) lines.push(...formatExplanation(diagnostic));
    else lines.push(...formatDiagnosticLines(diagnostic, { indent: DETAIL_INDENT, color, contextAddress: result.address }));
  }
  return lines;
}

/** The words after the address, and the diagnostic whose summary they already carry. */
function describeStatus(result: ActionResult): { status: string; explained?: Diagnostic } {
  const duration = ` (${formatDuration(result.durationMs)})`;
  const first = result.diagnostics[0];
  switch (result.outcome) {
    case 'applied':
      return { status: `applied${duration}` };
    case 'unchanged':
      return { status: `unchanged, already as specified${duration}` };
    case 'pending':
      return { status: 'pending policy refresh' };
    case 'interrupted':
      return { status: 'not started (interrupted)', explained: first };
    case 'failed': {
      const error = result.diagnostics.find((d) => d.severity === 'error') ?? first;
      return error === undefined ? { status: `failed${duration}` } : { status: `failed — ${error.summary}`, explained: error };
    }
    case 'skipped':
      return first === undefined ? { status: 'skipped' } : { status: `skipped (${first.summary})`, explained: first };
    case 'refused':
      if (first === undefined) return { status: 'refused' };
      // Avoid "refused — refused by guard rail …" when the summary already says it.
      return { status: first.summary.startsWith('refused') ? first.summary : `refused — ${first.summary}`, explained: first };
  }
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
