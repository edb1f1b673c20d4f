/**
 * RDSL-GPO-CANNOT-REACH: a GPO that is meant to configure session hosts cannot deliver its
 * licensing values to them: its computer settings are disabled, its security filtering leaves
 * them out, a higher-precedence GPO sets the same values, or (possibly) its WMI filter skips
 * them. Whatever the GPO holds, those hosts are not configured by it.
 */
import { describeReachFixes, explainGpoReach, type GpoReachProblem } from '../../model/gpo-reach.js';
import type { LiveGpo, LiveHost } from '../../model/live-state.js';
import { isOuWithin } from '../../providers/lab/gpo-scope.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import type { Evidence, Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';

export const checkGpoReach: DoctorRule = (context) =>
  context.input.live.gpos.flatMap((gpo) => {
    const finding = gpoFinding(context, gpo);
    return finding ? [finding] : [];
  });

function gpoFinding(context: DoctorContext, gpo: LiveGpo): Finding | undefined {
  if (!gpo.exists) return undefined;
  const targets = targetHosts(context, gpo);
  const problems = mergeProblems(targets.length === 0 ? [explainGpoReach(gpo)] : targets.map((host) => explainGpoReach(gpo, host.host)));
  const certain = problems.filter((problem) => problem.certainty === 'blocks');
  // A WMI filter alone is only suspect when the hosts show none of the GPO's values.
  const unconfigured = targets.filter((host) => !showsPolicy(host));
  if (certain.length === 0 && (problems.length === 0 || unconfigured.length === 0)) return undefined;
  const shown = certain.length > 0 ? problems : problems.filter((problem) => problem.certainty === 'mayBlock');
  const reasons = shown.map((problem) => (problem.certainty === 'mayBlock' ? `perhaps ${problem.detail}` : problem.detail)).join('; ');
  const impact =
    targets.length === 0
      ? 'No session host read in this run is known to rely on it.'
      : `${targets.length} session ${targets.length === 1 ? 'host relies' : 'hosts rely'} on it; ${unconfigured.length} of them ${unconfigured.length === 1 ? 'shows' : 'show'} none of its values.`;
  const path = context.view.gpoSpecPath(gpo.name);
  return buildFinding({
    id: 'RDSL-GPO-CANNOT-REACH',
    subject: gpo.name.toLowerCase(),
    severity: certain.length > 0 && targets.length > 0 ? 'error' : 'warning',
    title: `GPO "${gpo.name}" cannot reach its hosts`,
    hosts: targets.map((host) => host.host),
    evidence: gpoEvidence(gpo),
    cause: `The GPO cannot reach its hosts because ${reasons}. ${impact}`,
    fix: resolveFix(context, { manualOnly: true, manual: describeReachFixes(shown.map((problem) => problem.kind)) }),
    ...(path ? { specPath: path } : {}),
  });
}

/** The session hosts the GPO is meant for: its pools' hosts in the spec, else the hosts in its linked OUs. */
function targetHosts(context: DoctorContext, gpo: LiveGpo): LiveHost[] {
  const name = gpo.name.toLowerCase();
  const declared = (context.input.desired?.sessionHosts ?? []).filter((entry) => entry.settings.kind === 'gpo' && entry.settings.gpo.toLowerCase() === name);
  if (context.input.desired) return declared.flatMap((entry) => context.view.host(entry.host) ?? []).filter((host) => host.sessionHost !== undefined);
  return context.view.sessionHosts.filter((host) => host.sessionHost?.ou !== undefined && gpo.links.some((link) => isOuWithin(host.sessionHost!.ou!, link)));
}

function showsPolicy(host: LiveHost): boolean {
  return host.sessionHost?.licensingMode.source === 'policy' || host.sessionHost?.licenseServers.source === 'policy';
}

/** The same reason once, however many hosts it holds for. */
function mergeProblems(perHost: readonly GpoReachProblem[][]): GpoReachProblem[] {
  const seen = new Map<string, GpoReachProblem>();
  for (const problems of perHost) for (const problem of problems) if (!seen.has(problem.detail)) seen.set(problem.detail, problem);
  return [...seen.values()];
}

function gpoEvidence(gpo: LiveGpo): Evidence[] {
  const host = `${gpo.name}@${gpo.domain}`;
  const evidence: Evidence[] = [{ host, item: 'GpoStatus', value: gpo.status ?? 'allSettingsEnabled', source: 'policy' }];
  if (gpo.applyTrustees) evidence.push({ host, item: 'Apply Group Policy granted to', value: gpo.applyTrustees.map((trustee) => trustee.name).join(', ') || 'nobody', source: 'policy' });
  if (gpo.wmiFilter !== undefined) evidence.push({ host, item: 'WMI filter', value: gpo.wmiFilter, source: 'policy' });
  for (const override of gpo.overriddenBy ?? []) {
    evidence.push({ host, item: `higher-precedence GPO at ${override.ou}`, value: `${override.gpo} sets ${override.settings.join(', ')}${override.enforced ? ' (enforced)' : ''}`, source: 'policy' });
  }
  return evidence;
}

