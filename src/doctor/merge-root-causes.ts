/**
 * One cause on several servers is one root cause: the same finding id at the same severity on
 * lic01 and lic02 (both firewalls closed, both services stopped) is shown once, listing every
 * server, with one fix. The first root's key stays the merged root's key, and findings that
 * pointed at the others point at it. Pure.
 */
import type { RootCause } from './doctor-report.js';
import { FINDING_CATALOG } from './finding-catalog.js';
import type { Finding, Fix } from './finding.js';
import { APPLY_PREFIX, applyFixSummary, describedChangesOf, rememberDescribedChanges } from './apply-fix-summary.js';

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
      title: `${FINDING_CATALOG[first.id].summary.replace(/\.$/, '')}: ${listSubjects(subjects)}`,
      hosts: [...new Set(members.flatMap((member) => member.hosts))],
      findings: members.flatMap((member) => member.findings),
      fix: mergeFixes(members.map((member) => member.fix)),
    });
  }
  return { roots: roots.filter((root) => !renamed.has(root.key)).map((root) => merged.get(root) ?? root), renamed };
}

/** Servers or pools a merged title names; the rest are counted (50,000 retired servers made a title of 2 MB). */
const SUBJECTS_IN_TITLE = 10;

function listSubjects(subjects: readonly string[]): string {
  if (subjects.length <= SUBJECTS_IN_TITLE) return subjects.join(', ');
  return `${subjects.slice(0, SUBJECTS_IN_TITLE).join(', ')} … and ${subjects.length - SUBJECTS_IN_TITLE} more`;
}

function subjectOf(root: RootCause, cause: Finding | undefined): string {
  const subject = root.key.slice(root.id.length + 1).split('|')[0] ?? '';
  return cause?.hosts.find((host) => host.toLowerCase() === subject) ?? (subject || root.key);
}

function mergeFixes(fixes: readonly Fix[]): Fix {
  const kinds = new Set(fixes.map((fix) => fix.kind));
  const kind: Fix['kind'] = kinds.size === 1 ? fixes[0]!.kind : kinds.has('manual') ? 'manual' : 'spec';
  const addresses = [...new Set(fixes.flatMap((fix) => fix.addresses ?? []))];
  const steps = [...new Set(fixes.flatMap((fix) => fix.steps ?? []))];
  const merged = kind === 'apply' ? mergeApplySummaries(fixes) : { summary: [...new Set(fixes.map((fix) => fix.summary))].join('; ') };
  const fix: Fix = { kind, summary: merged.summary, ...(steps.length > 0 ? { steps } : {}), ...(addresses.length > 0 ? { addresses } : {}) };
  return merged.descriptions ? rememberDescribedChanges(fix, merged.descriptions) : fix;
}

/**
 * The members' plan changes as one list, elided as each member's was, then any other summaries
 * (a pending policy refresh). `descriptions` is set when the summary is that list alone, so a
 * later merge can elide it again.
 */
function mergeApplySummaries(fixes: readonly Fix[]): { summary: string; descriptions?: readonly string[] } {
  const described: string[] = [];
  const changes = new Set<string>();
  const others = new Set<string>();
  let listed = false;
  for (const fix of fixes) {
    const descriptions = describedChangesOf(fix);
    if (descriptions === undefined) {
      others.add(fix.summary.replace(APPLY_PREFIX, ''));
      continue;
    }
    listed = true;
    described.push(...descriptions);
    for (const address of fix.addresses ?? []) changes.add(address);
  }
  if (!listed) return { summary: `${APPLY_PREFIX}${[...others].join('; ')}` };
  const descriptions = [...new Set(described)];
  const summary = [applyFixSummary(descriptions, Math.max(changes.size, descriptions.length)), ...others].join('; ');
  return others.size === 0 ? { summary, descriptions } : { summary };
}
