/**
 * RDSL-LS-NOT-IN-TSLS-GROUP: a domain licence server that is not in the "Terminal Server
 * License Servers" group (well-known SID S-1-5-32-561; resolve it by SID, the name is localised)
 * cannot record per-user CAL issuance in AD (event 4105; windows-reference.md §2.6).
 */
import { licenseServerPartAddress } from '../../model/address.js';
import { licenseServersGroupSteps } from '../../model/directory-manual-steps.js';
import { canonicalHostName } from '../../model/host-name.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';

export const checkLicenseServersGroup: DoctorRule = (context) => {
  const findings: Finding[] = [];
  for (const server of context.view.licenseServers) {
    const discovery = server.licenseServer!.discovery;
    if (discovery.scope === 'workgroup' || discovery.inLicenseServersGroup !== false) continue;
    const perUser = context.dependentsOf(server.host).filter((dependent) => dependent.analysis.mode === 'perUser');
    findings.push(
      buildFinding({
        id: 'RDSL-LS-NOT-IN-TSLS-GROUP',
        subject: canonicalHostName(server.host),
        severity: 'warning',
        title: `${server.host} is not in the Terminal Server License Servers group (S-1-5-32-561)`,
        hosts: [server.host, ...new Set(perUser.map((dependent) => dependent.analysis.host.host))],
        evidence: [{ host: server.host, item: 'IsLSinTSLSGroup', value: false, source: 'wmi' }],
        cause: 'The licence server records per-user CAL issuance on user objects in AD, which only members of this group may write (event 4105); per-user CAL reports and tracking are then wrong.',
        fix: resolveFix(context, {
          addresses: [licenseServerPartAddress(server.host, 'discovery')],
          attributes: ['inLicenseServersGroup'],
          manual: `add ${server.host}'s computer account to the Terminal Server License Servers group of its domain (resolve the group by SID S-1-5-32-561, not by its localised name)`,
          steps: [...licenseServersGroupSteps(server.host), 'On a domain controller, add the NETWORK SERVICE account as well.'],
        }),
        address: licenseServerPartAddress(server.host, 'discovery'),
      }),
    );
  }
  return findings;
};
