/**
 * `doctor --format prometheus`: the Prometheus text exposition format (0.0.4), for the
 * node_exporter textfile collector or a pushgateway. Every number is a gauge (a fresh reading
 * each run), so no name ends in `_total`; times are in seconds, the base unit. A run that could
 * not check prints `rdsctl_up 0` and nothing else, never numbers from an earlier run.
 */
import { listCalPools } from '../doctor/cal-pools.js';
import type { DoctorInput } from '../doctor/doctor-input.js';
import type { DoctorReport } from '../doctor/doctor-report.js';
import { SEVERITIES } from '../doctor/finding.js';

const SECONDS_PER_DAY = 86_400;

interface Sample {
  labels: Readonly<Record<string, string>>;
  value: number;
}

interface Family {
  name: string;
  help: string;
  samples: readonly Sample[];
}

export function renderDoctorPrometheus(report: DoctorReport, input: DoctorInput): string {
  return renderFamilies([upFamily(1), ...estateFamilies(report, input)]);
}

/** What a run that could not check prints: no stale numbers, only that it is down. */
export function renderDoctorPrometheusDown(): string {
  return renderFamilies([upFamily(0)]);
}

function upFamily(value: 0 | 1): Family {
  return { name: 'rdsctl_up', help: '1 when rdsctl could read the estate and run its checks, 0 when the run failed.', samples: [{ labels: {}, value }] };
}

function estateFamilies(report: DoctorReport, input: DoctorInput): Family[] {
  const pools = input.live.hosts.flatMap((host) => (host.licenseServer ? listCalPools(host.host, host.licenseServer, input.now) : []));
  const poolLabels = (pool: (typeof pools)[number]): Record<string, string> => ({ server: pool.server, product: pool.product ?? `productVersionId ${pool.productVersionId}`, type: pool.type });
  const sessionHosts = input.live.hosts.flatMap((host) => (host.sessionHost ? [{ host: host.host, sessionHost: host.sessionHost }] : []));
  const findings = new Map<string, Sample>();
  for (const finding of report.findings) {
    const key = `${finding.id}|${finding.severity}`;
    findings.set(key, { labels: { id: finding.id, severity: finding.severity }, value: (findings.get(key)?.value ?? 0) + 1 });
  }
  return [
    { name: 'rdsctl_last_check_timestamp_seconds', help: 'When this check ran, in seconds since the Unix epoch.', samples: [{ labels: {}, value: Date.parse(report.generatedAt) / 1000 }] },
    { name: 'rdsctl_cals_installed', help: 'Purchased CALs installed on a licence server, per product and CAL type (expired packs excluded).', samples: pools.map((pool) => ({ labels: poolLabels(pool), value: pool.total })) },
    { name: 'rdsctl_cals_issued', help: 'CALs issued from a licence server, per product and CAL type.', samples: pools.map((pool) => ({ labels: poolLabels(pool), value: pool.issued })) },
    { name: 'rdsctl_cals_available', help: 'CALs still available on a licence server, per product and CAL type (never negative).', samples: pools.map((pool) => ({ labels: poolLabels(pool), value: pool.free })) },
    {
      name: 'rdsctl_grace_period_remaining_seconds',
      help: 'Grace period left on a session host, in seconds (GetGracePeriodDays times 86400).',
      samples: sessionHosts.map(({ host, sessionHost }) => ({ labels: { host }, value: sessionHost.graceDaysLeft * SECONDS_PER_DAY })),
    },
    {
      name: 'rdsctl_license_server_connectable',
      help: "1 when a session host's own connectivity check says it can use a licence server it lists, 0 when not.",
      samples: sessionHosts.flatMap(({ host, sessionHost }) =>
        Object.entries(sessionHost.connectivity ?? {}).map(([server, connectivity]) => ({ labels: { host, license_server: server, status: connectivity.status }, value: connectivity.healthy ? 1 : 0 })),
      ),
    },
    { name: 'rdsctl_hosts_unreadable', help: 'Hosts this check could not read.', samples: [{ labels: {}, value: report.summary.unreadableHosts }] },
    { name: 'rdsctl_findings', help: 'Doctor findings of this run, per finding id and severity.', samples: [...findings.values()] },
    { name: 'rdsctl_findings_by_severity', help: 'Doctor findings of this run, per severity (zero included).', samples: SEVERITIES.map((severity) => ({ labels: { severity }, value: report.summary.findings[severity] })) },
  ];
}

function renderFamilies(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} gauge`);
    for (const sample of family.samples) lines.push(`${family.name}${renderLabels(sample.labels)} ${sample.value}`);
  }
  return `${lines.join('\n')}\n`;
}

function renderLabels(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabelValue(value)}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

/** Label values escape backslash, double quote and line feed (exposition format 0.0.4). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes backslash and line feed. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
