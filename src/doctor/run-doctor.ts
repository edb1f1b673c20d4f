/**
 * Runs every rule over the input and assembles the report: findings ordered most severe first,
 * grouped into root causes, and located in the spec when a locator is given. Pure.
 */
import type { SourceLocation } from '../model/diagnostic.js';
import type { SpecPath } from '../spec/loaded-spec.js';
import { createDoctorContext } from './doctor-context.js';
import type { DoctorInput } from './doctor-input.js';
import { DOCTOR_REPORT_FORMAT_VERSION, type DoctorReport, type RootCause } from './doctor-report.js';
import { DOCTOR_RULES } from './doctor-rules.js';
import { explainByIntendedList } from './explain-by-intended-list.js';
import { mergeRootCauses } from './merge-root-causes.js';
import { mostSevere, severityRank, SEVERITIES, type Finding, type FindingId, type FindingSeverity } from './finding.js';

export interface RunDoctorOptions {
  /** Maps a spec path to its file position (LoadedSpec.locate). */
  locate?: (path: SpecPath) => SourceLocation;
  specFile?: string;
}

export function runDoctor(input: DoctorInput, options: RunDoctorOptions = {}): DoctorReport {
  const context = createDoctorContext(input);
  const order = new Map<string, number>();
  let raw: Finding[] = [];
  DOCTOR_RULES.forEach((rule, index) => {
    for (const finding of rule(context)) {
      order.set(finding.key, index);
      raw.push(options.locate && finding.specPath ? { ...finding, location: options.locate(finding.specPath) } : finding);
    }
  });
  raw = explainByIntendedList(raw, context);
  const ownRoots = groupRootCauses(raw, order);
  const { roots: rootCauses, renamed } = mergeRootCauses(ownRoots, raw);
  if (renamed.size > 0) raw = raw.map((finding) => (renamed.has(finding.rootCause) ? { ...finding, rootCause: renamed.get(finding.rootCause) as string } : finding));
  raw = adoptRootFixes(raw, ownRoots);
  const rank = new Map(rootCauses.map((root, index) => [root.key, index]));
  const findings = [...raw].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      (rank.get(a.rootCause) ?? 0) - (rank.get(b.rootCause) ?? 0) ||
      (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0) ||
      a.key.localeCompare(b.key),
  );
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<FindingSeverity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return {
    formatVersion: DOCTOR_REPORT_FORMAT_VERSION,
    ...(input.desired ? { deployment: input.desired.deployment } : {}),
    ...(options.specFile ? { specFile: options.specFile } : {}),
    generatedAt: input.now,
    summary: {
      licenseServers: context.view.licenseServers.length,
      sessionHosts: context.view.sessionHosts.length,
      unreadableHosts: input.live.errors.length,
      findings: counts,
    },
    rootCauses,
    findings,
  };
}

/** One root cause per distinct `rootCause` key, most severe first, then by hosts affected. */
function groupRootCauses(findings: readonly Finding[], order: ReadonlyMap<string, number>): RootCause[] {
  const byKey = new Map(findings.map((finding) => [finding.key, finding]));
  const groups = new Map<string, Finding[]>();
  const rootOf = (finding: Finding): string => {
    let current = finding;
    for (let hops = 0; hops < 8 && current.rootCause !== current.key; hops += 1) {
      const next = byKey.get(current.rootCause);
      if (!next) break;
      current = next;
    }
    return current.key;
  };
  for (const finding of findings) {
    const root = rootOf(finding);
    const list = groups.get(root) ?? [];
    list.push(finding);
    groups.set(root, list);
  }
  const roots = [...groups].map(([key, members]): RootCause => {
    const cause = byKey.get(key) as Finding;
    const ordered = [cause, ...members.filter((member) => member !== cause)];
    return {
      key,
      id: cause.id as FindingId,
      severity: mostSevere(members.map((member) => member.severity)),
      title: cause.title,
      hosts: [...new Set(ordered.flatMap((member) => member.hosts))],
      findings: ordered.map((member) => member.key),
      fix: cause.fix,
    };
  });
  return roots.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      b.hosts.length - a.hosts.length ||
      guideRank(a.id) - guideRank(b.id) ||
      (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0) ||
      a.key.localeCompare(b.key),
  );
}

/**
 * The troubleshooting guide's order, the tie-breaker between causes that block as many hosts:
 * connectivity first (a host that cannot reach a server learns nothing else), then activation,
 * then CALs; everything else after.
 */
const GUIDE_ORDER: readonly (readonly FindingId[])[] = [
  ['RDSL-NO-LICENSE-SERVER', 'RDSL-BROKER-DISAGREES', 'RDSL-LICENSE-SERVERS-DIFFER', 'RDSL-GPO-CANNOT-REACH', 'RDSL-DNS-FAILURE', 'RDSL-RPC-BLOCKED', 'RDSL-FIREWALL-DISABLED', 'RDSL-FIREWALL-POLICY-BLOCKS', 'RDSL-LS-SERVICE-STOPPED', 'RDSL-LS-UNREACHABLE', 'RDSL-HOST-NOT-IN-ENDPOINT-GROUP'],
  ['RDSL-LS-NOT-ACTIVATED'],
  ['RDSL-NO-KEYPACKS', 'RDSL-CAL-TYPE-MISMATCH', 'RDSL-CAL-VERSION-OLD', 'RDSL-CAL-VERSION-TOO-NEW-FOR-LS', 'RDSL-CALS-EXHAUSTED', 'RDSL-PER-USER-WORKGROUP'],
];

function guideRank(id: FindingId): number {
  const stage = GUIDE_ORDER.findIndex((ids) => ids.includes(id));
  return stage < 0 ? GUIDE_ORDER.length : stage;
}

/** Findings that are only consequences: their fix is always their root cause's. */
const CONSEQUENCES: ReadonlySet<FindingId> = new Set(['RDSL-GRACE-EXPIRED', 'RDSL-GRACE-ENDING', 'RDSL-EVENTS']);

/**
 * A consequence is fixed with its root cause: when apply converges the root cause, or when the
 * finding is only a consequence, it shows the root cause's fix instead of its own. That is the
 * fix of its own root, before roots on several servers are merged: the merged fix of 50,000
 * unresolvable servers lists 50,000 changes, and copying it into each of their 50,000
 * consequences would make the report grow with the square of the estate.
 */
function adoptRootFixes(findings: readonly Finding[], roots: readonly RootCause[]): Finding[] {
  const byFinding = new Map<string, RootCause>();
  for (const root of roots) for (const key of root.findings) byFinding.set(key, root);
  return findings.map((finding) => {
    const root = byFinding.get(finding.key);
    if (!root || root.key === finding.key || finding.fix.kind === 'apply') return finding;
    if (root.fix.kind !== 'apply' && !CONSEQUENCES.has(finding.id)) return finding;
    const steps = [...(root.fix.steps ?? []), ...(finding.fix.steps ?? [])];
    return { ...finding, fix: { ...root.fix, summary: `fixed with its root cause (${root.id}): ${root.fix.summary}`, ...(steps.length > 0 ? { steps } : {}) } };
  });
}
