/**
 * RDSL-DNS-FAILURE: session hosts cannot resolve a licence server's name (seed, Solution 5).
 * A name the estate does not know at all is usually a decommissioned server still listed.
 */
import type { DoctorRule } from '../doctor-context.js';
import { resolveFix } from '../resolve-fix.js';
import { buildBlockFinding } from './build-block-finding.js';
import { groupBlocks } from './group-blocks.js';
import { settingsAddresses } from './host-fix-addresses.js';

export const checkNameResolution: DoctorRule = (context) =>
  groupBlocks(context, 'RDSL-DNS-FAILURE').map((group) => {
    const known = context.view.host(group.server) !== undefined;
    const hosts = group.dependents.map((dependent) => dependent.analysis);
    const address = context.view.host(group.server)?.addresses?.[0];
    return buildBlockFinding(group, {
      title: `session hosts cannot resolve ${group.server}`,
      cause: known
        ? `${group.detail}: DNS has no (or a wrong) record for it, so the hosts never reach it.`
        : `${group.detail}, and rdsctl does not know it as a licence server either: it may be decommissioned while still listed.`,
      fix: known
        ? resolveFix(context, {
            manualOnly: true,
            manual: `fix the DNS record of ${group.server}: nslookup ${group.server} on a session host must return its address${address ? ` (${address})` : ''}`,
            steps: [
              'Check the A record in the DNS zone and that the session hosts use the right DNS servers.',
              `As a stopgap only, add a hosts-file entry on the session hosts (C:\\Windows\\System32\\drivers\\etc\\hosts)${address ? `: ${address} ${group.server}` : ''}.`,
            ],
          })
        : resolveFix(context, {
            addresses: settingsAddresses(hosts),
            attributes: ['licenseServers'],
            pendingHosts: hosts.map((analysis) => analysis.host.host),
            specChange: `remove ${group.server} from the licence-server lists that name it`,
            manual: `remove ${group.server} from the hosts' licence-server list if it was decommissioned, or fix its DNS record`,
          }),
    });
  });
