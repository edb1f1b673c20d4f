/**
 * Licence server lists in pools and GPOs must name servers the spec knows, managed or
 * external, and name each server once (the list is a failover order).
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { canonicalHostName } from '../model/host-name.js';
import { findRepeats, type NamedEntry } from './find-repeats.js';
import type { SpecPath } from './loaded-spec.js';
import { quoteString } from './quote-value.js';
import { makeReferenceError, type ReferenceContext } from './reference-diagnostic.js';
import { suggestName } from './suggest-name.js';

interface ServerList {
  readonly owner: string;
  readonly names: readonly string[];
  readonly path: SpecPath;
  readonly mustBeKnown: boolean;
}

export function checkServerReferences(context: ReferenceContext): Diagnostic[] {
  const { spec } = context;
  const declared = (spec.licenseServers ?? []).map((server) => server.host);
  const known = new Set([...declared, ...(spec.externalLicenseServers ?? [])].map(canonicalHostName));
  const lists: ServerList[] = [
    { owner: 'externalLicenseServers', names: spec.externalLicenseServers ?? [], path: ['externalLicenseServers'], mustBeKnown: false },
    ...(spec.sessionHostPools ?? []).map((pool, i) => ({
      owner: `pool ${quoteString(pool.name)}`,
      names: pool.licenseServers ?? [],
      path: ['sessionHostPools', i, 'licenseServers'],
      mustBeKnown: true,
    })),
    ...(spec.gpos ?? []).map((gpo, i) => ({
      owner: `GPO ${quoteString(gpo.name)}`,
      names: gpo.licenseServers ?? [],
      path: ['gpos', i, 'licenseServers'],
      mustBeKnown: true,
    })),
  ];

  const diagnostics: Diagnostic[] = [];
  for (const list of lists) {
    const entries = list.names.map((name, i): NamedEntry => ({ name, path: [...list.path, i] }));
    for (const { first, repeat } of findRepeats(entries, canonicalHostName)) {
      diagnostics.push(
        makeReferenceError({
          at: context.locate(repeat.path),
          summary: `licence server ${quoteString(repeat.name)} is listed twice in ${list.owner} (first at position ${Number(first.path.at(-1)) + 1})`,
          hint: 'list each server once, in the order the hosts should try them',
        }),
      );
    }
    if (!list.mustBeKnown) continue;
    for (const entry of entries.filter((e) => !known.has(canonicalHostName(e.name)))) {
      const suggestion = suggestName(entry.name, declared);
      const guess = suggestion === undefined ? '' : ` (did you mean ${quoteString(suggestion)}?)`;
      diagnostics.push(
        makeReferenceError({
          at: context.locate(entry.path),
          summary: `licence server ${quoteString(entry.name)} used by ${list.owner} is not declared${guess}`,
          hint: 'declare it under licenseServers for rdsctl to manage it, or list it under externalLicenseServers if it is managed elsewhere',
        }),
      );
    }
  }
  return diagnostics;
}
