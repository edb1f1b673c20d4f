/**
 * RDSL-LS-NOT-PUBLISHED: a licence server whose discovery scope is domain or forest but which is
 * not published in AD, so session hosts that rely on discovery never find it
 * (windows-reference.md §2.4–2.5; seed, Solution 5).
 */
import { licenseServerPartAddress } from '../../model/address.js';
import { numberSteps, publicationSteps } from '../../model/directory-manual-steps.js';
import { canonicalHostName } from '../../model/host-name.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';

export const checkPublishedInAD: DoctorRule = (context) => {
  const findings: Finding[] = [];
  const discovering = context.sessionHosts.filter((analysis) => analysis.viaDiscovery).map((analysis) => analysis.host.host);
  for (const server of context.view.licenseServers) {
    const discovery = server.licenseServer!.discovery;
    if (discovery.scope === 'workgroup' || discovery.publishedInAD !== false) continue;
    const specPath = context.view.licenseServerSpecPath(server.host);
    findings.push(
      buildFinding({
        id: 'RDSL-LS-NOT-PUBLISHED',
        subject: canonicalHostName(server.host),
        severity: 'warning',
        title: `${server.host} has ${discovery.scope} discovery scope but is not published in AD`,
        hosts: [server.host, ...discovering],
        evidence: [
          { host: server.host, item: 'ServerRole (discovery scope)', value: discovery.scope, source: 'wmi' },
          { host: server.host, item: 'IsLSPublished', value: false, source: 'wmi' },
        ],
        cause: `Session hosts with no licence server configured find servers through AD publication; ${discovering.length === 0 ? 'none read in this run relies on it' : `${discovering.length} session host(s) do`}.`,
        fix: context.view.desiredLicenseServer(server.host)?.discovery?.publishInAD === false
          ? {
              kind: 'manual',
              summary: `the spec keeps ${server.host} unpublished on purpose (publishInAD: false); that costs discovery: session hosts with no licence server configured never find it, so list it on them (the pool's licenseServers or its GPO)`,
            }
          : resolveFix(context, {
          addresses: [licenseServerPartAddress(server.host, 'discovery')],
          specChange: `declare discovery: { scope: ${discovery.scope}, publishInAD: true } on licence server ${server.host}`,
          manual: `publish ${server.host} in AD by hand (on Windows rdsctl cannot: PublishLS writes the directory as the caller, whose remoting credentials do not reach a domain controller): ${numberSteps(publicationSteps(server.host, true))}`,
        }),
        address: licenseServerPartAddress(server.host, 'discovery'),
        ...(specPath ? { specPath: [...specPath, 'discovery'] } : {}),
      }),
    );
  }
  return findings;
};
