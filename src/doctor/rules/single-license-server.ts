/**
 * RDSL-SINGLE-LICENSE-SERVER: a host lists exactly one licence server, so nothing takes over
 * when it fails. Informational: one server is a valid choice for small estates.
 */
import { canonicalHostName } from '../../model/host-name.js';
import type { SessionHostAnalysis } from '../analyse-session-host.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import type { SpecPath } from '../../spec/loaded-spec.js';

export const checkLicenseServerRedundancy: DoctorRule = (context) => {
  const groups = new Map<string, { server: string; hosts: SessionHostAnalysis[] }>();
  for (const analysis of context.sessionHosts) {
    const listed = analysis.sessionHost.licenseServers.effective;
    if (listed.length !== 1) continue;
    const server = context.view.host(listed[0]!)?.host ?? listed[0]!;
    const key = canonicalHostName(server);
    const group = groups.get(key) ?? { server, hosts: [] };
    group.hosts.push(analysis);
    groups.set(key, group);
  }
  return [...groups].map(([key, group]): Finding => {
    const specPath = listSpecPath(context, group.hosts[0]!);
    return buildFinding({
      id: 'RDSL-SINGLE-LICENSE-SERVER',
      subject: key,
      severity: 'info',
      title: `${group.hosts.length} session host(s) list only ${group.server}: no failover`,
      hosts: [group.server, ...group.hosts.map((analysis) => analysis.host.host)],
      evidence: group.hosts.slice(0, 3).map((analysis) => ({ host: analysis.host.host, item: 'licence servers', value: analysis.sessionHost.licenseServers.effective, source: analysis.sessionHost.licenseServers.source === 'policy' ? ('policy' as const) : ('wmi' as const) })),
      cause: `When ${group.server} is down or out of CALs, these hosts have nowhere else to go.`,
      fix: {
        kind: context.input.spec ? 'spec' : 'manual',
        summary: 'for resilience, add a second activated licence server with CALs and list it after the first',
      },
      ...(specPath ? { specPath } : {}),
    });
  });
};

function listSpecPath(context: DoctorContext, analysis: SessionHostAnalysis): SpecPath | undefined {
  const settings = analysis.desired?.settings;
  if (!settings) return undefined;
  if (settings.kind === 'gpo') {
    const path = context.view.gpoSpecPath(settings.gpo);
    return path ? [...path, 'licenseServers'] : undefined;
  }
  const path = context.view.poolSpecPath(analysis.desired!.pool);
  return path ? [...path, 'licenseServers'] : undefined;
}
