/**
 * The spec's own CAL coverage problems (find-cal-coverage-problems), as findings at their line
 * in the spec: a spec that honestly describes a broken estate is diagnosed, not refused.
 * - a mode with no key pack of its CAL type on its servers: RDSL-CAL-TYPE-MISMATCH;
 * - a pool whose OS is newer than every CAL declared for it: RDSL-CAL-VERSION-OLD.
 * A key pack newer than its licence server is checked by cal-version-too-new, against the OS the
 * server reports when it can be read.
 */
import { displayOsVersion } from '../../model/os-version.js';
import type { LicensingMode } from '../../model/spec.js';
import { findCalCoverageProblems, type CalCoverageProblem } from '../../spec/find-cal-coverage-problems.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';

export const checkSpecCalCoverage: DoctorRule = (context) => {
  const spec = context.input.spec;
  if (spec === undefined) return [];
  return findCalCoverageProblems(spec).flatMap((problem) => {
    if (problem.kind === 'modeWithoutPacks') return [modeWithoutPacks(context, problem)];
    if (problem.kind === 'poolOsNewerThanCals') return [poolOsNewerThanCals(context, problem)];
    return [];
  });
};

type Problem<K extends CalCoverageProblem['kind']> = Extract<CalCoverageProblem, { kind: K }>;

function modeWithoutPacks(context: DoctorContext, problem: Problem<'modeWithoutPacks'>): Finding {
  const { declaredBy, mode, servers } = problem;
  const owner = declaredBy.kind === 'gpo' ? `GPO "${declaredBy.name}"` : `pool "${declaredBy.name}"`;
  const hosts = hostsOf(context, declaredBy.kind === 'gpo' ? poolsOfGpo(context, declaredBy.name) : [declaredBy.name]);
  return buildFinding({
    id: 'RDSL-CAL-TYPE-MISMATCH',
    subject: `spec|${declaredBy.kind}|${declaredBy.name}`,
    severity: 'error',
    title: `the spec's ${owner} asks for ${describeMode(mode)} CALs, but no ${describeMode(mode)} key pack is declared on ${servers.join(', ')}`,
    hosts: [...servers, ...hosts],
    evidence: [{ host: servers[0] ?? '', item: `${owner} licensingMode`, value: mode, source: 'spec' }],
    cause: `A session host's licensing mode must match the CAL type its licence servers hold; with no ${describeMode(mode)} CALs declared, apply cannot install any and the hosts would get none.`,
    fix: resolveFix(context, {
      specChange: `declare a ${mode} key pack on one of ${servers.join(', ')}, or change the licensingMode of ${owner}`,
      manual: `install ${describeMode(mode)} CALs on ${servers.join(', ')}, or switch the hosts to the CAL type installed`,
    }),
    specPath: problem.path,
  });
}

function poolOsNewerThanCals(context: DoctorContext, problem: Problem<'poolOsNewerThanCals'>): Finding {
  const { pool, os, mode, newest, servers } = problem;
  return buildFinding({
    id: 'RDSL-CAL-VERSION-OLD',
    subject: `spec|pool|${pool}`,
    severity: 'error',
    title: `the spec's pool "${pool}" runs ${displayOsVersion(os)}, but its newest ${describeMode(mode)} key pack is for ${displayOsVersion(newest)}`,
    hosts: [...servers, ...hostsOf(context, [pool])],
    evidence: [
      { host: servers[0] ?? '', item: `pool "${pool}" os`, value: displayOsVersion(os), source: 'spec' },
      { host: servers[0] ?? '', item: `newest ${mode} key pack product`, value: displayOsVersion(newest), source: 'spec' },
    ],
    cause: 'A CAL licenses session hosts of its own Windows Server version and older, never newer ones: the CALs the spec declares cannot license this pool.',
    fix: resolveFix(context, {
      specChange: `declare a ${mode} key pack for ${os} (or newer) on ${servers.join(', ')}`,
      manual: `buy ${displayOsVersion(os)} (or newer) RDS ${describeMode(mode)} CALs and install them on ${servers.join(', ')}`,
    }),
    specPath: problem.path,
  });
}

function describeMode(mode: LicensingMode): string {
  return mode === 'perDevice' ? 'per-device' : 'per-user';
}

function poolsOfGpo(context: DoctorContext, gpo: string): string[] {
  return (context.input.desired?.gpos ?? []).find((entry) => entry.name === gpo)?.pools.slice() ?? [];
}

function hostsOf(context: DoctorContext, pools: readonly string[]): string[] {
  const wanted = new Set(pools);
  return (context.input.desired?.sessionHosts ?? []).filter((host) => wanted.has(host.pool)).map((host) => host.host);
}
