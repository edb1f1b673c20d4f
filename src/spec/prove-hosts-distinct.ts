/**
 * A quick proof that host entries name no host twice, so that the check for repeated hosts
 * need not compare every expanded name (100,000 of them in a large spec).
 *
 * A name expanded from an entry with at most one range ends with the entry's literal text after
 * that range (its tail; a plain name is all tail), and one range never yields a name twice. Two
 * names can only be equal when one tail ends the other (names compared as `canonicalHostName`
 * compares them: lower case, without a trailing dot). So when no tail ends another, no name is
 * repeated. Otherwise the proof gives up, and the caller compares names.
 */
const RANGE = /\[\d+:\d+\]/g;

/** True when the entries certainly name distinct hosts; false when they might not. */
export function proveHostsDistinct(entries: readonly string[]): boolean {
  const reversedTails: string[] = [];
  for (const entry of entries) {
    const ranges = [...entry.matchAll(RANGE)];
    if (ranges.length > 1) return false;
    const last = ranges[0];
    const tail = last === undefined ? entry : entry.slice((last.index ?? 0) + last[0].length);
    reversedTails.push(reverse(canonicalTail(tail)));
  }
  // A tail ends another when, reversed, it starts it; sorted, such a pair has a neighbour pair.
  reversedTails.sort();
  for (let i = 1; i < reversedTails.length; i += 1) {
    if ((reversedTails[i] as string).startsWith(reversedTails[i - 1] as string)) return false;
  }
  return true;
}

function canonicalTail(tail: string): string {
  const lower = tail.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function reverse(text: string): string {
  let reversed = '';
  for (let i = text.length - 1; i >= 0; i -= 1) reversed += text[i];
  return reversed;
}
