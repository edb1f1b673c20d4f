/**
 * RDSL-FAILOVER-DELAY: the first licence server a host lists is unusable while a later one
 * works. The host tries the list in order on every licence request, so each one waits for the
 * broken entry first. Grouped under the cause that makes the first entry unusable.
 */
import { canonicalHostName } from '../../model/host-name.js';
import type { SessionHostAnalysis } from '../analyse-session-host.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { describePools, settingsAddresses } from './host-fix-addresses.js';

export const checkFailoverDelay: DoctorRule = (context) => {
  const groups = new Map<string, { listed: string; root: string; detail: string; hosts: SessionHostAnalysis[] }>();
  for (const analysis of context.sessionHosts) {
    const first = analysis.attempts[0];
    if (analysis.viaDiscovery || !analysis.working || analysis.working === first || !first?.block) continue;
    const name = first.server?.host ?? first.listed;
    const key = canonicalHostName(name);
    const group = groups.get(key) ?? { listed: name, root: first.block.key, detail: first.block.detail, hosts: [] };
    group.hosts.push(analysis);
    groups.set(key, group);
  }
  return [...groups].map(
    ([key, group]): Finding =>
      buildFinding({
        id: 'RDSL-FAILOVER-DELAY',
        subject: key,
        rootCause: group.root,
        severity: 'warning',
        title: `${group.hosts.length} session host(s) list ${group.listed} first, which is unusable; they fail over to a later server`,
        hosts: group.hosts.map((analysis) => analysis.host.host),
        evidence: group.hosts.map((analysis) => ({
          host: analysis.host.host,
          item: 'licence servers',
          value: analysis.sessionHost.licenseServers.effective,
          source: analysis.sessionHost.licenseServers.source === 'policy' ? ('policy' as const) : ('wmi' as const),
        })),
        cause: `${group.detail}. The hosts try their licence servers in list order, so every licence request waits for ${group.listed} to fail before ${group.hosts[0]!.working!.listed} answers.`,
        fix: resolveFix(context, {
          addresses: settingsAddresses(group.hosts),
          attributes: ['licenseServers'],
          pendingHosts: group.hosts.map((analysis) => analysis.host.host),
          specChange: `fix ${group.listed}, or remove it from (or move it down) the licence-server list of ${describePools(group.hosts)}`,
          manual: `fix ${group.listed}, or remove it from the hosts' licence-server list (or move it after a working server)`,
        }),
      }),
  );
};
