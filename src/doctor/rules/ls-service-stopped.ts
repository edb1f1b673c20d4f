/**
 * RDSL-LS-SERVICE-STOPPED: the Remote Desktop Licensing service (TermServLicensing) on a licence
 * server is not running, so it issues nothing even though TCP 135 still answers.
 */
import { licenseServerPartAddress } from '../../model/address.js';
import { canonicalHostName } from '../../model/host-name.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import { buildFinding } from '../build-finding.js';
import { findingKey, type Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { buildBlockFinding } from './build-block-finding.js';
import { groupBlocks } from './group-blocks.js';

export const checkLicensingService: DoctorRule = (context) => {
  const groups = groupBlocks(context, 'RDSL-LS-SERVICE-STOPPED');
  const reported = new Set(groups.map((group) => group.key));
  const findings: Finding[] = groups.map((group) =>
    buildBlockFinding(group, {
      severity: 'error',
      title: `the licensing service on ${group.server} is not running`,
      cause: `${group.detail}; a licence server without it issues no CAL.`,
      fix: serviceFix(context, group.server),
      address: licenseServerPartAddress(group.server, 'service'),
      ...specPathOf(context, group.server),
    }),
  );
  for (const server of context.view.licenseServers) {
    const state = server.licenseServer!.service.state;
    if (state === 'running' || reported.has(findingKey('RDSL-LS-SERVICE-STOPPED', canonicalHostName(server.host)))) continue;
    if (context.view.desiredLicenseServer(server.host)?.service === 'stopped') continue;
    findings.push(
      buildFinding({
        id: 'RDSL-LS-SERVICE-STOPPED',
        subject: canonicalHostName(server.host),
        severity: 'error',
        title: `the licensing service on ${server.host} is ${state}`,
        hosts: [server.host],
        evidence: [{ host: server.host, item: 'TermServLicensing service', value: state, source: 'wmi' }],
        cause: 'A licence server whose Remote Desktop Licensing service (TermServLicensing) is not running issues no CAL.',
        fix: serviceFix(context, server.host),
        address: licenseServerPartAddress(server.host, 'service'),
        ...specPathOf(context, server.host),
      }),
    );
  }
  return findings;
};

function serviceFix(context: DoctorContext, server: string) {
  return resolveFix(context, {
    addresses: [licenseServerPartAddress(server, 'service')],
    specChange: `declare service: running on licence server ${server}`,
    manual: `start the Remote Desktop Licensing service on ${server}: Start-Service TermServLicensing, and set it to start automatically (Set-Service TermServLicensing -StartupType Automatic)`,
  });
}

function specPathOf(context: DoctorContext, server: string) {
  const path = context.view.licenseServerSpecPath(server);
  return path ? { specPath: [...path, 'service'] } : {};
}
