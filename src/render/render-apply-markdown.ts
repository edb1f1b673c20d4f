/**
 * An apply report as a pull-request comment or job summary: the outcome sentence, results by
 * resource kind and outcome, then the changes that failed, were refused or were interrupted
 * with their first diagnostic, and per-host results collapsed, under the same size cap as the
 * plan (fit-markdown-sections.ts).
 */
import type { ActionResult, ApplyReport, Outcome } from '../model/action-result.js';
import { fitMarkdownSections, MARKDOWN_SIZE_CAP, renderEach, type MarkdownSection } from './fit-markdown-sections.js';
import { formatApplySummary } from './render-apply-text.js';
import { escapeHtml, escapeMarkdown } from './render-plan-markdown.js';
import { pluralise } from './pluralise.js';

const OUTCOMES: readonly Outcome[] = ['applied', 'unchanged', 'pending', 'failed', 'skipped', 'refused', 'interrupted'];
const NEEDS_ATTENTION: ReadonlySet<Outcome> = new Set(['failed', 'refused', 'interrupted', 'skipped']);

export function renderApplyMarkdown(report: ApplyReport, options: { cap?: number } = {}): string {
  const head = [`### rdsctl apply: ${escapeMarkdown(report.deployment)}`, '', `**${escapeMarkdown(formatApplySummary(report))}**`];
  if (report.results.length > 0) head.push('', ...renderOutcomeTable(report.results));
  const sections: MarkdownSection[] = [attentionSection(report.results), resultsByHostSection(report.results)];
  return fitMarkdownSections(head.join('\n'), sections, { cap: options.cap ?? MARKDOWN_SIZE_CAP, whole: 'rdsctl apply --json prints every result.' });
}

function renderOutcomeTable(results: readonly ActionResult[]): string[] {
  const used = OUTCOMES.filter((outcome) => results.some((result) => result.outcome === outcome));
  const byKind = new Map<string, Map<Outcome, number>>();
  for (const result of results) {
    const kind = resourceKindOf(result.address);
    const row = byKind.get(kind) ?? new Map<Outcome, number>();
    row.set(result.outcome, (row.get(result.outcome) ?? 0) + 1);
    byKind.set(kind, row);
  }
  const rows = [...byKind].map(([kind, row]) => `| ${escapeMarkdown(kind)} | ${used.map((outcome) => row.get(outcome) ?? 0).join(' | ')} |`);
  return [`| Resource kind | ${used.join(' | ')} |`, `| --- | ${used.map(() => '---:').join(' | ')} |`, ...rows];
}

/** `licenseServer.keyPack` from `licenseServer[lic01].keyPack[ea]`: the address without its names. */
function resourceKindOf(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

function attentionSection(results: readonly ActionResult[]): MarkdownSection {
  const items = renderEach(
    results.filter((result) => NEEDS_ATTENTION.has(result.outcome)),
    (result) => `| ${result.outcome} | ${escapeMarkdown(result.address)} | ${escapeMarkdown(result.diagnostics[0]?.summary ?? '')} |`,
  );
  return { heading: ['#### Needs attention', '', '| Outcome | Change | Why |', '| --- | --- | --- |'], ...items, joiner: '\n', noun: 'result row' };
}

function resultsByHostSection(results: readonly ActionResult[]): MarkdownSection {
  const byHost = new Map<string, ActionResult[]>();
  for (const result of results) {
    const host = /^\w+\[([^\]]*)\]/.exec(result.address)?.[1] ?? result.address;
    const hostResults = byHost.get(host);
    if (hostResults === undefined) byHost.set(host, [result]);
    else hostResults.push(result);
  }
  const items = renderEach([...byHost], ([host, hostResults]) => {
    const lines = hostResults.map((result) => `- ${result.outcome}: ${escapeMarkdown(result.address)}${result.performed.length > 0 ? ` (${escapeMarkdown(result.performed.join('; '))})` : ''}`);
    return [`<details><summary>${escapeHtml(host)}: ${pluralise(hostResults.length, 'result')}</summary>`, '', ...lines, '', '</details>'].join('\n');
  });
  return { heading: ['#### Results by host', ''], ...items, joiner: '\n\n', noun: 'host result' };
}

