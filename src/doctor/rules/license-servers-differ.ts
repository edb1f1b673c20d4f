/**
 * RDSL-LICENSE-SERVERS-DIFFER: session hosts use other licence servers (or another failover
 * order) than the spec intends. Doctor judges both: what the hosts use now and, through the
 * intended servers' own findings, what they would use once apply converges the list at the
 * host or at the pool's GPO. An error when the hosts are left with no working server and the
 * spec's list brings a server they do not list yet; a warning otherwise.
 */
import type { SessionHostAnalysis } from '../analyse-session-host.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { settingsAddresses } from './host-fix-addresses.js';

const HOSTS_IN_EVIDENCE = 6;

export const checkLicenseServersAsSpecified: DoctorRule = (context) => {
  const byKey = new Map<string, SessionHostAnalysis[]>();
  for (const analysis of context.sessionHosts) {
    // A host whose list a broker pushed is RDSL-BROKER-DISAGREES: the fix is at the broker.
    if (!analysis.intended || analysis.sessionHost.connectionBroker !== undefined) continue;
    const list = byKey.get(analysis.intended.key) ?? [];
    list.push(analysis);
    byKey.set(analysis.intended.key, list);
  }
  return [...byKey.values()].map((hosts) => differFinding(context, hosts));
};

function differFinding(context: DoctorContext, hosts: readonly SessionHostAnalysis[]): Finding {
  const first = hosts[0]!;
  const intended = first.intended!;
  const pool = first.desired!.pool;
  const settings = context.view.intendedSettings(first.host.host);
  const viaGpo = settings?.source.kind === 'gpo' ? settings.source.gpo : undefined;
  const stranded = hosts.filter((analysis) => analysis.block?.key === intended.key);
  const current = first.sessionHost.licenseServers.effective;
  const where = viaGpo ? `GPO "${viaGpo}"` : `pool "${pool}"`;
  const specPath = viaGpo ? context.view.gpoSpecPath(viaGpo) : context.view.poolSpecPath(pool);
  const cause = stranded.length > 0
    ? `No licence server the hosts list can license them, and the spec's list names ${intended.attempts.map((attempt) => attempt.server?.host ?? attempt.listed).join(', ')}, which they do not list yet. The hosts try the servers in their own list (${current.join(', ') || 'none'}), so they keep failing until the list is converged.`
    : 'The hosts are licensed, but not by the servers (or in the failover order) the spec intends: a server the spec retires stays in use, and failover goes where the spec does not expect.';
  return buildFinding({
    id: 'RDSL-LICENSE-SERVERS-DIFFER',
    subject: pool,
    severity: stranded.length > 0 ? 'error' : 'warning',
    title: `${hosts.length} session host(s) of pool "${pool}" use ${current.join(', ') || 'no licence server'}, not the spec's ${intended.servers.join(', ')}`,
    hosts: hosts.map((analysis) => analysis.host.host),
    evidence: [
      ...hosts.slice(0, HOSTS_IN_EVIDENCE).map((analysis) => ({
        host: analysis.host.host,
        item: 'licence servers (effective)',
        value: analysis.sessionHost.licenseServers.effective,
        source: analysis.sessionHost.licenseServers.source === 'policy' ? ('policy' as const) : ('registry' as const),
      })),
      { host: '(spec)', item: `${where} licenseServers`, value: intended.servers, source: 'spec' },
    ],
    cause,
    fix: resolveFix(context, {
      addresses: settingsAddresses(hosts),
      attributes: ['licenseServers'],
      pendingHosts: hosts.map((analysis) => analysis.host.host),
      manual: `set the licence servers of the hosts to ${intended.servers.join(', ')}, in this order (${viaGpo ? `GPO "${viaGpo}": ` : ''}"Use the specified Remote Desktop license servers")`,
    }),
    ...(specPath ? { specPath: [...specPath, 'licenseServers'] } : {}),
  });
}
