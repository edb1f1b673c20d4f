/**
 * Host ranges in pool host lists: `rdsh[01:12].corp.contoso.com` names rdsh01 … rdsh12.
 * A start written with a leading zero fixes the width (`[01:12]` → 01, 02 … 12); without one
 * numbers are not padded (`[1:3]` → 1, 2, 3). Several ranges multiply, the leftmost varying
 * slowest.
 */
import { RdsctlError } from '../model/rdsctl-error.js';

export const MAX_HOSTS_PER_PATTERN = 100_000;

export type HostExpansion =
  | { readonly ok: true; readonly names: readonly string[] }
  | { readonly ok: false; readonly reason: string };

interface HostRange {
  readonly start: number;
  readonly end: number;
  readonly width: number;
}

const RANGE = /\[(\d+):(\d+)\]/g;

/** True when `text` contains at least one `[start:end]` range. */
export function isHostPattern(text: string): boolean {
  return /\[\d+:\d+\]/.test(text);
}

/** Expands a pattern, returning the reason as data when it cannot be expanded. */
export function tryExpandHostPattern(pattern: string): HostExpansion {
  const literals = pattern.split(RANGE).filter((_, index) => index % 3 === 0);
  if (literals.some((part) => part.includes('[') || part.includes(']'))) {
    return { ok: false, reason: 'malformed range; write ranges as [01:12]' };
  }
  const ranges: HostRange[] = [];
  for (const match of pattern.matchAll(RANGE)) {
    const [text, startText = '', endText = ''] = match;
    const range = { start: Number(startText), end: Number(endText), width: startText.startsWith('0') ? startText.length : 0 };
    if (range.start > range.end) {
      return { ok: false, reason: `range ${text} counts down; write it as [${endText}:${startText}]` };
    }
    ranges.push(range);
  }
  const count = ranges.reduce((product, range) => product * (range.end - range.start + 1), 1);
  if (count > MAX_HOSTS_PER_PATTERN) {
    return {
      ok: false,
      reason: `expands to ${count.toLocaleString('en-US')} names, more than the limit of ${MAX_HOSTS_PER_PATTERN.toLocaleString('en-US')}; split it`,
    };
  }
  return { ok: true, names: combine(literals, ranges) };
}

/**
 * Expands a pattern from a validated spec. An invalid pattern here is a bug (validation
 * reports them with locations), so it throws an internal error.
 */
export function expandHostPattern(pattern: string): string[] {
  const expansion = tryExpandHostPattern(pattern);
  if (!expansion.ok) {
    throw new RdsctlError({ code: 'INTERNAL', kind: 'internal', message: `host pattern ${JSON.stringify(pattern)}: ${expansion.reason}` });
  }
  return [...expansion.names];
}

function combine(literals: readonly string[], ranges: readonly HostRange[]): string[] {
  let names = [literals[0] ?? ''];
  ranges.forEach((range, index) => {
    const suffix = literals[index + 1] ?? '';
    const next: string[] = [];
    for (const prefix of names) {
      for (let n = range.start; n <= range.end; n += 1) {
        next.push(`${prefix}${String(n).padStart(range.width, '0')}${suffix}`);
      }
    }
    names = next;
  });
  return names;
}
