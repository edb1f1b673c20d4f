/**
 * `reclaim.retiredDevices` names the devices whose CALs may be revoked, so each entry must say
 * exactly which: ranges count up, an entry is listed once, and no entry is nothing but
 * wildcards (it would retire every device). Entries are compared case-insensitively.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { findRepeats, type NamedEntry } from './find-repeats.js';
import { quoteString } from './quote-value.js';
import { makeReferenceError, type ReferenceContext } from './reference-diagnostic.js';

const RANGE = /\[(\d+):(\d+)\]/g;

export function checkReclaim(context: ReferenceContext): Diagnostic[] {
  const entries = (context.spec.reclaim?.retiredDevices ?? []).map((name, i): NamedEntry => ({ name, path: ['reclaim', 'retiredDevices', i] }));
  const diagnostics: Diagnostic[] = [];
  for (const entry of entries) {
    const problem = describeProblem(entry.name);
    if (problem) diagnostics.push(makeReferenceError({ at: context.locate(entry.path), summary: `retired device ${quoteString(entry.name)}: ${problem.summary}`, hint: problem.hint }));
  }
  for (const { first, repeat } of findRepeats(entries, (name) => name.toLowerCase().replace(/\.$/, ''))) {
    diagnostics.push(
      makeReferenceError({
        at: context.locate(repeat.path),
        summary: `retired device ${quoteString(repeat.name)} is listed twice (first at position ${Number(first.path.at(-1)) + 1})`,
        hint: 'list each device or pattern once',
      }),
    );
  }
  return diagnostics;
}

function describeProblem(entry: string): { summary: string; hint: string } | undefined {
  for (const [text, start = '', end = ''] of entry.matchAll(RANGE)) {
    if (Number(start) > Number(end)) return { summary: `range ${text} counts down`, hint: `write it as [${end}:${start}]` };
  }
  if (/^[*.]+$/.test(entry.replace(RANGE, ''))) {
    return { summary: 'matches every device', hint: 'name the devices that are gone, or a pattern with a fixed part such as thin-old-*' };
  }
  return undefined;
}
