/**
 * Folds a list of host names into the spec's range syntax (`rdsh[01:12].corp.contoso.com`,
 * see `spec/host-range.ts`), so an exported pool of a thousand hosts is one line. A run folds
 * only when its range expands to exactly those names: numbers must be consecutive, and a
 * zero-padded start fixes the width of every number in it. Names without digits in their first
 * label stay as they are.
 */
const NUMBERED = /^([^.]*?)(\d+)([^.\d]*(?:\..*)?)$/;

interface NumberedName {
  name: string;
  prefix: string;
  digits: string;
  value: number;
  suffix: string;
}

/** Host list entries: ranges for runs of two or more, plain names for the rest, in sorted order. */
export function foldHostRanges(names: readonly string[]): string[] {
  const plain: string[] = [];
  const families = new Map<string, NumberedName[]>();
  for (const name of new Set(names)) {
    const numbered = parseNumbered(name);
    if (numbered === undefined) {
      plain.push(name);
      continue;
    }
    const key = `${numbered.prefix}\u0000${numbered.suffix}`;
    const family = families.get(key) ?? [];
    family.push(numbered);
    families.set(key, family);
  }
  const entries: { sortKey: string; entry: string }[] = plain.map((name) => ({ sortKey: name, entry: name }));
  for (const family of families.values()) {
    family.sort((a, b) => a.value - b.value || a.digits.localeCompare(b.digits));
    for (const run of splitRuns(family)) entries.push({ sortKey: run[0]?.name ?? '', entry: formatRun(run) });
  }
  return entries.sort((a, b) => compareNatural(a.sortKey, b.sortKey)).map(({ entry }) => entry);
}

function parseNumbered(name: string): NumberedName | undefined {
  const match = NUMBERED.exec(name);
  if (!match) return undefined;
  const [, prefix = '', digits = '', suffix = ''] = match;
  // The spec's ranges take at most six digits and no brackets around them.
  if (digits.length > 6 || prefix.includes('[') || suffix.includes('[')) return undefined;
  return { name, prefix, digits, value: Number(digits), suffix };
}

/** Consecutive numbers written the way a range starting at the run's first number writes them. */
function splitRuns(family: readonly NumberedName[]): NumberedName[][] {
  const runs: NumberedName[][] = [];
  let run: NumberedName[] = [];
  let width = 0;
  for (const entry of family) {
    const last = run.at(-1);
    if (last !== undefined && entry.value === last.value + 1 && entry.digits === String(entry.value).padStart(width, '0')) {
      run.push(entry);
      continue;
    }
    if (run.length > 0) runs.push(run);
    run = [entry];
    width = entry.digits.length > 1 && entry.digits.startsWith('0') ? entry.digits.length : 0;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function formatRun(run: readonly NumberedName[]): string {
  const first = run[0] as NumberedName;
  const last = run.at(-1) as NumberedName;
  if (run.length === 1) return first.name;
  return `${first.prefix}[${first.digits}:${last.digits}]${first.suffix}`;
}

const NATURAL = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Orders `rdsh2` before `rdsh10`. */
export function compareNatural(a: string, b: string): number {
  return NATURAL.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
