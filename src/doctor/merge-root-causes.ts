/**
 * One cause on several servers is one root cause: the same finding id at the same severity on
 * lic01 and lic02 (both firewalls closed, both services stopped) is shown once, listing every
 * server, with one fix. The first root's key stays the merged root's key, and findings that
 * pointed at the others point at it. Pure.
 */
import type { RootCause } from './doctor-report.js';
import { FINDING_CATALOG } from './finding-catalog.js';
import type { Finding, Fix } from './finding.js';

export interface MergedRootCauses {
  roots: RootCause[];
  /** Old root key → the key of the root it was merged into. */
  renamed: ReadonlyMap<string, string>;
}

export function mergeRootCauses(roots: readonly RootCause[], findings: readonly Finding[]): MergedRootCauses {
  const byKey = new Map(findings.map((finding) => [finding.key, finding]));
  const groups = new Map<string, RootCause[]>();
  for (const root of roots) {
    const group = `${root.id}\u0000${root.severity}`;
    const members = groups.get(group);
    if (members) members.push(root);
    else groups.set(group, [root]);
  }
  const renamed = new Map<string, string>();
  const merged = new Map<RootCause, RootCause>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const first = members[0]!;
    for (const member of members.slice(1)) renamed.set(member.key, first.key);
    // What each root is about: the server (or pool) of its key, as the finding names it.
    const subjects = members.map((member) => subjectOf(member, byKey.get(member.key)));
    merged.set(first, {
      ...first,
      title: `${FINDING_CATALOG[first.id].summary.replace(/\.$/, '')}: ${subjects.join(', ')}`,
      hosts: [...new Set(members.flatMap((member) => member.hosts))],
      findings: members.flatMap((member) => member.findings),
      fix: mergeFixes(members.map((member) => member.fix)),
    });
  }
  return { roots: roots.filter((root) => !renamed.has(root.key)).map((root) => merged.get(root) ?? root), renamed };
}

function subjectOf(root: RootCause, cause: Finding | undefined): string {
  const subject = root.key.slice(root.id.length + 1).split('|')[0] ?? '';
  return cause?.hosts.find((host) => host.toLowerCase() === subject) ?? (subject || root.key);
}

const APPLY_PREFIX = 'rdsctl apply converges it: ';

function mergeFixes(fixes: readonly Fix[]): Fix {
  const kinds = new Set(fixes.map((fix) => fix.kind));
  const kind: Fix['kind'] = kinds.size === 1 ? fixes[0]!.kind : kinds.has('manual') ? 'manual' : 'spec';
  const parts = [...new Set(fixes.map((fix) => (kind === 'apply' ? fix.summary.replace(APPLY_PREFIX, '') : fix.summary)))];
  const summary = kind === 'apply' ? `${APPLY_PREFIX}${parts.join('; ')}` : parts.join('; ');
  const addresses = [...new Set(fixes.flatMap((fix) => fix.addresses ?? []))];
  const steps = [...new Set(fixes.flatMap((fix) => fix.steps ?? []))];
  return { kind, summary, ...(steps.length > 0 ? { steps } : {}), ...(addresses.length > 0 ? { addresses } : {}) };
}
