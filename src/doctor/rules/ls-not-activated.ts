/**
 * RDSL-LS-NOT-ACTIVATED: a licence server that is not activated issues only temporary per-device
 * licences, however many CALs it holds (windows-reference.md §2.3; seed, Solution 2).
 */
import { licenseServerPartAddress } from '../../model/address.js';
import { canonicalHostName } from '../../model/host-name.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorRule } from '../doctor-context.js';
import { findingKey, type Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { dependentHosts, describeImpact, groupBlocks } from './group-blocks.js';

export const checkLicenseServerActivation: DoctorRule = (context) => {
  const groups = new Map(groupBlocks(context, 'RDSL-LS-NOT-ACTIVATED').map((group) => [group.key, group]));
  const findings: Finding[] = [];
  for (const server of context.view.licenseServers) {
    const ls = server.licenseServer!;
    if (ls.activation.status !== 'notActivated') continue;
    const subject = canonicalHostName(server.host);
    const group = groups.get(findingKey('RDSL-LS-NOT-ACTIVATED', subject));
    const dependents = group?.dependents ?? [];
    const specPath = context.view.licenseServerSpecPath(server.host);
    findings.push(
      buildFinding({
        id: 'RDSL-LS-NOT-ACTIVATED',
        subject,
        severity: 'error',
        title: `${server.host} is not activated`,
        hosts: [server.host, ...dependentHosts(dependents)],
        evidence: [
          { host: server.host, item: 'GetActivationStatus', value: 'not activated (1)', source: 'wmi' },
          ...(ls.activation.contactComplete === undefined ? [] : [{ host: server.host, item: 'activation contact complete', value: ls.activation.contactComplete, source: 'wmi' as const }]),
        ],
        cause: `An unactivated licence server issues only temporary per-device licences, however many CALs it holds; per-user hosts get nothing from it. ${describeImpact(dependents, group?.stranded ?? [])}.`,
        fix: resolveFix(context, {
          addresses: [licenseServerPartAddress(server.host, 'activation')],
          specChange: `declare activation: { state: activated, method: automatic, contact: { firstName, lastName, company, countryRegion } } on licence server ${server.host}`,
          manual: `activate ${server.host} in RD Licensing Manager (licmgr.exe): right-click the server, Activate Server`,
          steps: [
            'Automatic connection (recommended) needs Internet access from the licence server (TCP 443 to the Microsoft Clearinghouse) and the contact first name, last name, company and country or region.',
            'Without Internet access, use the Web Browser method from another computer or activate by telephone: both are manual steps rdsctl cannot automate.',
          ],
        }),
        address: licenseServerPartAddress(server.host, 'activation'),
        ...(specPath ? { specPath: [...specPath, 'activation'] } : {}),
      }),
    );
  }
  return findings;
};
