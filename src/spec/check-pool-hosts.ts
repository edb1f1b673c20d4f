/**
 * Session host lists: every range must expand, every expanded name must be a valid host name,
 * and a host belongs to one pool only (names compared case-insensitively, without a trailing dot).
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { canonicalHostName, isValidHostName } from '../model/host-name.js';
import { formatSpecPath } from './format-spec-path.js';
import { tryExpandHostPattern } from './host-range.js';
import { proveHostsDistinct } from './prove-hosts-distinct.js';
import { isOverSessionHostCap } from './spec-totals.js';
import type { SpecPath } from './loaded-spec.js';
import { quoteString } from './quote-value.js';
import { makeReferenceError, type ReferenceContext } from './reference-diagnostic.js';

interface HostEntry {
  readonly poolIndex: number;
  readonly poolName: string;
  readonly path: SpecPath;
}

const SHOWN_NAMES = 3;

export function checkPoolHosts(context: ReferenceContext): Diagnostic[] {
  // checkSpecTotals reports the count; expanding it would allocate what the cap prevents.
  if (isOverSessionHostCap(context.spec)) return [];
  const diagnostics: Diagnostic[] = [];
  const expanded: { entry: HostEntry; pattern: string; names: readonly string[] }[] = [];

  (context.spec.sessionHostPools ?? []).forEach((pool, poolIndex) => {
    pool.hosts.forEach((pattern, hostIndex) => {
      const entry: HostEntry = { poolIndex, poolName: pool.name, path: ['sessionHostPools', poolIndex, 'hosts', hostIndex] };
      const expansion = tryExpandHostPattern(pattern);
      if (!expansion.ok) {
        diagnostics.push(makeReferenceError({ at: context.locate(entry.path), summary: `${quoteString(pattern)}: ${expansion.reason}` }));
        return;
      }
      const invalid = findInvalidName(expansion.names);
      if (invalid !== undefined) {
        diagnostics.push(
          makeReferenceError({
            at: context.locate(entry.path),
            summary: `${quoteString(pattern)} expands to ${quoteString(invalid)}, which is not a DNS host name (labels of 1 to 63 letters, digits and hyphens, not starting or ending with a hyphen)`,
          }),
        );
        return;
      }
      expanded.push({ entry, pattern, names: expansion.names });
    });
  });
  if (proveHostsDistinct(expanded.map(({ pattern }) => pattern))) return diagnostics;

  const firstSeen = new Map<string, HostEntry>();
  // Overlapping ranges share many hosts: one message per pair of entries, not per host.
  const overlaps = new Map<string, { first: HostEntry; second: HostEntry; names: string[] }>();
  for (const { entry, names: entryNames } of expanded) {
    for (const name of entryNames) {
      const key = canonicalHostName(name);
      const first = firstSeen.get(key);
      if (first === undefined) {
        firstSeen.set(key, entry);
        continue;
      }
      const pairKey = `${formatSpecPath(first.path)}|${formatSpecPath(entry.path)}`;
      const overlap = overlaps.get(pairKey) ?? { first, second: entry, names: [] };
      overlap.names.push(name);
      overlaps.set(pairKey, overlap);
    }
  }

  for (const { first, second, names } of overlaps.values()) {
    diagnostics.push(
      makeReferenceError({
        at: context.locate(second.path),
        summary: describeOverlap(first, second, names),
        hint: 'a session host belongs to one pool and is listed once; remove the repeated name',
      }),
    );
  }
  return diagnostics;
}

/**
 * The first expanded name that is not a host name. The names of one entry differ only in their
 * digits, and a digit is never a label's forbidden first or last character, so only lengths
 * (of labels and of the whole name) vary, and they are longest in the last name: when it is
 * valid, every name is.
 */
function findInvalidName(names: readonly string[]): string | undefined {
  const last = names[names.length - 1];
  if (last !== undefined && isValidHostName(last)) return undefined;
  return names.find((name) => !isValidHostName(name));
}

function describeOverlap(first: HostEntry, second: HostEntry, names: readonly string[]): string {
  const where = first.poolIndex === second.poolIndex ? `already listed in this pool at ${formatSpecPath(first.path)}` : `already in pool ${quoteString(first.poolName)} (${formatSpecPath(first.path)})`;
  if (names.length === 1) return `host ${quoteString(names[0] ?? '')} is ${where}`;
  const shown = names.slice(0, SHOWN_NAMES).join(', ');
  const more = names.length > SHOWN_NAMES ? ` and ${names.length - SHOWN_NAMES} more` : '';
  return `${names.length} hosts are ${where}: ${shown}${more}`;
}
