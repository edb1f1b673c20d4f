/**
 * Cross-reference problems in a spec that also has schema errors, so one run reports both.
 * The checks trust the schema's shape, so only conclusions that cannot come from a broken part
 * are kept: nothing located inside a list entry with a schema error, no check whose names or
 * counts a schema error could have changed, and nothing at all when the file's overall shape is wrong (a wrong
 * apiVersion, a list section that is not a list).
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { Spec } from '../model/spec.js';
import type { SpecPath } from './loaded-spec.js';
import type { SourceLocation } from '../model/diagnostic.js';
import { REFERENCE_CHECKS } from './validate-references.js';

/** `sessionHostPools[2].hosts[0]` → `sessionHostPools[2]`, its list entry, and `sessionHostPools`, its section. */
const PLACE = /^([A-Za-z]+)(\[\d+\])?/;
/** A whole one of these being wrong leaves every reference into it unresolvable. */
const LIST_SECTIONS = new Set(['licenseServers', 'externalLicenseServers', 'sessionHostPools', 'gpos']);

export function validateReferencesAlongsideSchema(value: unknown, schemaDiagnostics: readonly Diagnostic[], locate: (path: SpecPath) => SourceLocation): Diagnostic[] {
  const broken = new Set<string>();
  for (const diagnostic of schemaDiagnostics) {
    const place = PLACE.exec(diagnostic.source?.path ?? '');
    if (place === null) return [];
    const section = place[1] as string;
    if (section === 'apiVersion' || (place[2] === undefined && LIST_SECTIONS.has(section))) return [];
    broken.add(place[0]);
  }
  const paths = schemaDiagnostics.map((diagnostic) => diagnostic.source?.path ?? '');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const context = { spec: value as Spec, locate };
  const found: Diagnostic[] = [];
  for (const { check, untrustedWhen } of REFERENCE_CHECKS) {
    if (untrustedWhen !== undefined && paths.some((path) => untrustedWhen.test(path))) continue;
    try {
      found.push(...check(context));
    } catch {
      // A check that cannot read a broken shape has nothing trustworthy to say.
    }
  }
  return found.filter((diagnostic) => !isInside(diagnostic.source?.path, broken));
}

function isInside(path: string | undefined, broken: ReadonlySet<string>): boolean {
  const place = PLACE.exec(path ?? '');
  if (place === null) return false;
  return broken.has(place[0]) || broken.has(place[1] as string);
}
