/**
 * RDSL-RPC-BLOCKED: the name resolves but TCP 135 (the RPC endpoint mapper licensing uses) does
 * not answer from the session host, while the licence server's own firewall group is enabled or
 * unknown: something in between blocks RPC.
 */
import type { DoctorRule } from '../doctor-context.js';
import { resolveFix } from '../resolve-fix.js';
import { buildBlockFinding } from './build-block-finding.js';
import { groupBlocks } from './group-blocks.js';

export const checkRpcReachable: DoctorRule = (context) =>
  groupBlocks(context, 'RDSL-RPC-BLOCKED').map((group) =>
    buildBlockFinding(group, {
      title: `RPC to ${group.server} is blocked from session hosts`,
      cause: `${group.detail}. Licensing talks RPC: TCP 135 and the dynamic RPC ports (49152–65535).`,
      fix: resolveFix(context, {
        manualOnly: true,
        manual: `open TCP 135 and TCP 49152–65535 from the session hosts to ${group.server} on the network firewalls between them`,
        steps: [`Test from a session host: Test-NetConnection -ComputerName ${group.server} -Port 135`],
      }),
    }),
  );
