/**
 * RDSL-NO-KEYPACKS: a licence server with no purchased CALs installed. Built-in and temporary
 * packs never count (seed, Solution 3).
 */
import { keyPackAddress, licenseServerAddress } from '../../model/address.js';
import { canonicalHostName } from '../../model/host-name.js';
import { buildFinding } from '../build-finding.js';
import { listCalPools } from '../cal-pools.js';
import type { DoctorRule } from '../doctor-context.js';
import { findingKey, type Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { dependentHosts, describeImpact, groupBlocks } from './group-blocks.js';

export const checkKeyPacksInstalled: DoctorRule = (context) => {
  const groups = new Map(groupBlocks(context, 'RDSL-NO-KEYPACKS').map((group) => [group.key, group]));
  const findings: Finding[] = [];
  for (const server of context.view.licenseServers) {
    const ls = server.licenseServer!;
    if (ls.accessDenied || listCalPools(server.host, ls, context.input.now).length > 0) continue;
    const subject = canonicalHostName(server.host);
    const group = groups.get(findingKey('RDSL-NO-KEYPACKS', subject));
    const dependents = group?.dependents ?? [];
    const declared = context.view.desiredLicenseServer(server.host)?.keyPacks ?? [];
    const specPath = context.view.licenseServerSpecPath(server.host);
    findings.push(
      buildFinding({
        id: 'RDSL-NO-KEYPACKS',
        subject,
        severity: 'error',
        title: `${server.host} has no CALs installed`,
        hosts: [server.host, ...dependentHosts(dependents)],
        evidence: [
          { host: server.host, item: 'Win32_TSLicenseKeyPack (purchased)', value: 0, source: 'wmi' },
          ...ls.keyPacks.map((pack) => ({ host: server.host, item: `key pack ${pack.keyPackId}`, value: `${pack.type}, ${pack.channel}${pack.description ? `: ${pack.description}` : ''}`, source: 'wmi' as const })),
        ],
        cause: `Purchased RDS CALs must be installed on the licence server before it can issue any; built-in and temporary packs do not license users or devices. ${describeImpact(dependents, group?.stranded ?? [])}.`,
        fix: resolveFix(context, {
          addresses: declared.map((pack) => keyPackAddress(server.host, pack.name)),
          specChange: `declare the purchased key packs under licence server ${server.host} (keyPacks: program, agreement number as a secret reference, product, type, quantity)`,
          manual: `install the purchased CALs on ${server.host}: RD Licensing Manager, right-click the server, Install Licenses`,
          steps: [
            'The server must be activated first.',
            'Volume licensing (Enterprise Agreement, Select, Open…): take the agreement or licence number from the Volume Licensing Service Center; retail: the 25-character licence code.',
            'Choose the product version (the session hosts\' Windows Server version or newer) and the CAL type matching their licensing mode.',
          ],
        }),
        address: licenseServerAddress(server.host),
        ...(specPath ? { specPath: [...specPath, 'keyPacks'] } : {}),
      }),
    );
  }
  return findings;
};
