import type { SpecPath } from './loaded-spec.js';

export interface NamedEntry {
  readonly name: string;
  readonly path: SpecPath;
}

/** Each entry whose `compareAs(name)` equals an earlier entry's, paired with that earlier entry. */
export function findRepeats(
  entries: readonly NamedEntry[],
  compareAs: (name: string) => string,
): { readonly first: NamedEntry; readonly repeat: NamedEntry }[] {
  const seen = new Map<string, NamedEntry>();
  const repeats: { first: NamedEntry; repeat: NamedEntry }[] = [];
  for (const entry of entries) {
    const key = compareAs(entry.name);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, entry);
    else repeats.push({ first, repeat: entry });
  }
  return repeats;
}
