/**
 * `doctor --format nagios`: one Nagios/Icinga/Checkmk plugin line, `RDSCTL STATE - summary |
 * perfdata`, and the plugin state it stands for. The state comes from the findings: CRITICAL when
 * one is at or above --fail-on, WARNING when one is at or above `warning` but below --fail-on,
 * OK otherwise. A run that could not check is UNKNOWN (`renderDoctorNagiosUnknown`).
 */
import { describePool, listCalPools } from '../doctor/cal-pools.js';
import { createDoctorContext } from '../doctor/doctor-context.js';
import type { DoctorInput } from '../doctor/doctor-input.js';
import type { DoctorReport } from '../doctor/doctor-report.js';
import { isAtLeast, SEVERITIES, type FindingSeverity } from '../doctor/finding.js';

export type NagiosState = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

/** The plugin exit code of each state (Nagios plugin guidelines). */
export const NAGIOS_EXIT: Readonly<Record<NagiosState, number>> = { OK: 0, WARNING: 1, CRITICAL: 2, UNKNOWN: 3 };

export interface NagiosResult {
  state: NagiosState;
  line: string;
}

export function renderDoctorNagios(report: DoctorReport, input: DoctorInput, failOn: FindingSeverity): NagiosResult {
  const state = stateOf(report, failOn);
  return { state, line: `RDSCTL ${state} - ${summaryOf(report, state, failOn)} | ${perfdataOf(report, input, failOn).join(' ')}\n` };
}

export function renderDoctorNagiosUnknown(message: string): NagiosResult {
  return { state: 'UNKNOWN', line: `RDSCTL UNKNOWN - doctor could not check: ${pluginText(message)}\n` };
}

function stateOf(report: DoctorReport, failOn: FindingSeverity): NagiosState {
  if (report.findings.some((finding) => isAtLeast(finding.severity, failOn))) return 'CRITICAL';
  if (report.findings.some((finding) => isAtLeast(finding.severity, 'warning'))) return 'WARNING';
  return 'OK';
}

/** The least severe level that changes the state: `warning`, or --fail-on when that is lower. */
function alertingFrom(failOn: FindingSeverity): FindingSeverity {
  return isAtLeast(failOn, 'warning') ? 'warning' : failOn;
}

function summaryOf(report: DoctorReport, state: NagiosState, failOn: FindingSeverity): string {
  const { licenseServers, sessionHosts } = report.summary;
  const estate = `${sessionHosts} session ${sessionHosts === 1 ? 'host' : 'hosts'}, ${licenseServers} licence ${licenseServers === 1 ? 'server' : 'servers'}`;
  if (state === 'OK') return `${estate}, no findings at ${alertingFrom(failOn)} or above`;
  const counts = [...SEVERITIES]
    .reverse()
    .filter((severity) => isAtLeast(severity, alertingFrom(failOn)) && report.summary.findings[severity] > 0)
    .map((severity) => `${report.summary.findings[severity]} ${severity}`);
  const top = report.rootCauses.find((root) => isAtLeast(root.severity, alertingFrom(failOn)));
  return pluginText(`findings ${counts.join(', ')}; ${estate}${top ? `; first: ${top.title}` : ''}`);
}

function perfdataOf(report: DoctorReport, input: DoctorInput, failOn: FindingSeverity): string[] {
  const free = input.live.hosts.flatMap((host) =>
    (host.licenseServer ? listCalPools(host.host, host.licenseServer, input.now) : []).map((pool) => {
      const warn = input.policy.minFreeCals > 0 ? `${input.policy.minFreeCals}:` : '';
      return `${label(`free ${pool.server} ${describePool(pool)}`)}=${pool.free};${warn};;0;${pool.total}`;
    }),
  );
  const unlicensed = createDoctorContext(input).sessionHosts.filter((analysis) => !analysis.working);
  const grace = unlicensed.length === 0 ? [] : [`grace_days_min=${Math.min(...unlicensed.map((analysis) => analysis.sessionHost.graceDaysLeft))};${input.policy.graceWarningDays}:;1:;0`];
  const findings = SEVERITIES.map((severity) => {
    const thresholds = isAtLeast(severity, failOn) ? ';0' : isAtLeast(severity, 'warning') ? '0;' : ';';
    return `findings_${severity}=${report.summary.findings[severity]};${thresholds};0`;
  });
  return [...free, ...grace, ...findings];
}

/** A perfdata label: quoted, a single quote doubled, and no `=` (it ends the label). */
function label(text: string): string {
  return `'${text.replace(/'/g, "''").replace(/=/g, '-')}'`;
}

/** Plugin text is one line, and `|` would start the performance data. */
function pluginText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '/').trim();
}
