/**
 * Host-name compaction for output read at scale: `rdsh01` … `rdsh12` in one domain become
 * `rdsh[01:12].corp.contoso.com`, the same range syntax a spec uses.
 */
import { isIpAddress } from '../model/host-name.js';

/** One entry of a compacted list and the number of hosts it stands for. */
export interface HostRun {
  label: string;
  count: number;
}

interface NumberedName {
  prefix: string;
  digits: string;
  suffix: string;
}

// The first label ends in digits: `rdsh07` in `rdsh07.corp.contoso.com`.
const NUMBERED = /^([^.]*?[^.\d])(\d+)((?:\..*)?)$/;

/**
 * Compacts names into runs of consecutive numbers. Names only share a run when their prefix,
 * domain and digit width agree, so `rdsh9`/`rdsh10` and different domains stay apart.
 * Entries come in the order their first name appears; names inside a run are sorted.
 */
export function compactHostRuns(names: readonly string[]): HostRun[] {
  const families = new Map<string, { prefix: string; suffix: string; width: number; numbers: number[] }>();
  const entries: Array<{ family: string } | { name: string }> = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const parsed = parseNumberedName(name);
    if (parsed === undefined) {
      entries.push({ name });
      continue;
    }
    const key = `${parsed.prefix}\u0000${parsed.suffix}\u0000${parsed.digits.length}`;
    let family = families.get(key);
    if (family === undefined) {
      family = { prefix: parsed.prefix, suffix: parsed.suffix, width: parsed.digits.length, numbers: [] };
      families.set(key, family);
      entries.push({ family: key });
    }
    family.numbers.push(Number(parsed.digits));
  }
  return entries.flatMap((entry) => {
    if ('name' in entry) return [{ label: entry.name, count: 1 }];
    const family = families.get(entry.family)!;
    return splitIntoRuns(family.numbers).map(([first, last]) => ({
      label: formatRun(family, first, last),
      count: last - first + 1,
    }));
  });
}

/** Compacted labels only; see `compactHostRuns`. */
export function compactHostNames(names: readonly string[]): string[] {
  return compactHostRuns(names).map((run) => run.label);
}

/**
 * One line for a list of hosts: the compacted entries, or the first `limit` of them and
 * `… and N more` (N counts hosts, not entries).
 */
export function summariseHostNames(names: readonly string[], limit = 5): string {
  const runs = compactHostRuns(names);
  if (runs.length <= limit) return runs.map((run) => run.label).join(', ');
  const shown = runs.slice(0, limit);
  const hidden = runs.slice(limit).reduce((sum, run) => sum + run.count, 0);
  return `${shown.map((run) => run.label).join(', ')} … and ${hidden} more`;
}

function parseNumberedName(name: string): NumberedName | undefined {
  if (isIpAddress(name)) return undefined;
  const match = NUMBERED.exec(name);
  if (match === null) return undefined;
  return { prefix: match[1]!, digits: match[2]!, suffix: match[3]! };
}

function splitIntoRuns(numbers: readonly number[]): Array<[number, number]> {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = runs.at(-1);
    if (last !== undefined && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs;
}

function formatRun(family: { prefix: string; suffix: string; width: number }, first: number, last: number): string {
  const pad = (n: number): string => String(n).padStart(family.width, '0');
  const middle = first === last ? pad(first) : `[${pad(first)}:${pad(last)}]`;
  return `${family.prefix}${middle}${family.suffix}`;
}
