/**
 * RDSL-LS-UNREACHABLE: a session host cannot connect to a licence server and nothing more
 * specific explains it: the server is down, off the network, or not a licence server at all.
 * A finding, never a failed run.
 */
import type { DoctorRule } from '../doctor-context.js';
import { resolveFix } from '../resolve-fix.js';
import { buildBlockFinding } from './build-block-finding.js';
import { groupBlocks } from './group-blocks.js';

export const checkLicenseServerReachable: DoctorRule = (context) =>
  groupBlocks(context, 'RDSL-LS-UNREACHABLE').map((group) => {
    const error = context.view.error(group.server);
    return buildBlockFinding(group, {
      title: `session hosts cannot reach licence server ${group.server}`,
      cause: `${group.detail}.`,
      fix: resolveFix(context, {
        manualOnly: true,
        manual: `check that ${group.server} is running, on the network and has the RD Licensing role`,
        steps: [
          `From a session host: Test-NetConnection -ComputerName ${group.server} -Port 135, and sc.exe \\\\${group.server} query TermServLicensing.`,
          ...(error ? [`rdsctl could not read it either: ${error.message}`] : []),
        ],
      }),
    });
  });
