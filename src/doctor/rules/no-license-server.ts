/**
 * RDSL-NO-LICENSE-SERVER: a session host lists no licence server. It then relies on AD
 * discovery (published servers, then servers on domain controllers), which is slow and finds
 * nothing in a workgroup (seed, Solution 1; windows-reference.md §2.4). An error when discovery
 * finds no server that can license the host, a warning when it does.
 */
import { findingKey } from '../finding.js';
import type { SessionHostAnalysis } from '../analyse-session-host.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { describePools, settingsAddresses } from './host-fix-addresses.js';

export const checkLicenseServerConfigured: DoctorRule = (context) => {
  const unlisted = context.sessionHosts.filter((analysis) => analysis.viaDiscovery && analysis.mode !== 'notConfigured');
  const stranded = unlisted.filter((analysis) => analysis.block?.key === findingKey('RDSL-NO-LICENSE-SERVER'));
  const discovered = unlisted.filter((analysis) => analysis.working !== undefined);
  const findings: Finding[] = [];
  if (stranded.length > 0) findings.push(noServerFinding(context, stranded, false));
  if (discovered.length > 0) findings.push(noServerFinding(context, discovered, true));
  return findings;
};

function noServerFinding(context: DoctorContext, hosts: readonly SessionHostAnalysis[], found: boolean): Finding {
  const published = context.view.discoverableServers.map((server) => server.host);
  const servers = context.view.licenseServers.map((server) => server.host);
  const first = hosts[0]!;
  const specPath = first.desired ? context.view.poolSpecPath(first.desired.pool) : undefined;
  return buildFinding({
    id: 'RDSL-NO-LICENSE-SERVER',
    subject: found ? 'discovery' : undefined,
    severity: found ? 'warning' : 'error',
    title: found
      ? `${hosts.length} session host(s) list no licence server and depend on AD discovery`
      : `${hosts.length} session host(s) list no licence server, and discovery finds none that can license them`,
    hosts: hosts.map((analysis) => analysis.host.host),
    evidence: [
      ...hosts.map((analysis) => ({
        host: analysis.host.host,
        item: 'licence servers (GetSpecifiedLicenseServerList)',
        value: analysis.sessionHost.licenseServers.effective,
        source: analysis.sessionHost.licenseServers.source === 'policy' ? ('policy' as const) : ('wmi' as const),
      })),
      { host: '(estate)', item: 'licence servers published in AD', value: published, source: 'wmi' },
    ],
    cause: found
      ? `The hosts found ${first.working!.listed} through AD discovery; discovery is slower than a configured list and breaks when publication changes.`
      : `A host with no licence server configured falls back to AD discovery, and ${published.length === 0 ? 'no licence server is published in AD' : `none of the published servers (${published.join(', ')}) can license it`}.`,
    fix: resolveFix(context, {
      addresses: settingsAddresses(hosts),
      attributes: ['licenseServers'],
      pendingHosts: hosts.map((analysis) => analysis.host.host),
      specChange: `list the licence servers for ${describePools(hosts)}${servers.length > 0 ? ` (e.g. ${servers.slice(0, 2).join(', ')})` : ''}`,
      manual:
        'enable "Use the specified Remote Desktop license servers" (Computer Configuration > Policies > Administrative Templates > Windows Components > Remote Desktop Services > Remote Desktop Session Host > Licensing) with the licence servers, or set them in the deployment\'s RD Licensing properties',
    }),
    ...(specPath ? { specPath } : {}),
  });
}
