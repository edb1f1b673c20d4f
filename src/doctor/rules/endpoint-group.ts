/**
 * RDSL-HOST-NOT-IN-ENDPOINT-GROUP: the licence server enforces its "License server security
 * group" policy and the session host is not in its "RDS Endpoint Servers" local group (older
 * name "Terminal Server Computers"), so it gets no CAL (windows-reference.md §2.7, event 50195).
 */
import { licenseServerPartAddress } from '../../model/address.js';
import type { DoctorRule } from '../doctor-context.js';
import { resolveFix } from '../resolve-fix.js';
import { buildBlockFinding } from './build-block-finding.js';
import { dependentHosts, groupBlocks } from './group-blocks.js';

export const checkEndpointGroup: DoctorRule = (context) =>
  groupBlocks(context, 'RDSL-HOST-NOT-IN-ENDPOINT-GROUP').map((group) => {
    const hosts = dependentHosts(group.dependents);
    const members = context.view.host(group.server)?.licenseServer?.discovery.endpointServers;
    return buildBlockFinding(group, {
      title: `${hosts.length} session host(s) are not in the RDS Endpoint Servers group of ${group.server}`,
      cause: `${group.detail}: with the "License server security group" policy on, only members of that group get CALs.`,
      evidence: members === undefined ? [] : [{ host: group.server, item: 'RDS Endpoint Servers members', value: members, source: 'wmi' }],
      fix: resolveFix(context, {
        manualOnly: true,
        manual: `add the session hosts' computer accounts to the "RDS Endpoint Servers" local group on ${group.server} (older name "Terminal Server Computers"), or turn off the "License server security group" policy there`,
        steps: [`Hosts to add: ${hosts.slice(0, 10).join(', ')}${hosts.length > 10 ? ` and ${hosts.length - 10} more` : ''}`],
      }),
      address: licenseServerPartAddress(group.server, 'discovery'),
    });
  });
