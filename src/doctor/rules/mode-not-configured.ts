/**
 * RDSL-MODE-NOT-CONFIGURED: a session host with no licensing mode cannot get CALs; once the
 * grace period is over it refuses connections (events 1068, and 1069 past the grace period).
 */
import { buildFinding } from '../build-finding.js';
import type { DoctorRule } from '../doctor-context.js';
import { resolveFix } from '../resolve-fix.js';
import { describePools, settingsAddresses } from './host-fix-addresses.js';

export const checkLicensingModeConfigured: DoctorRule = (context) => {
  const hosts = context.sessionHosts.filter((analysis) => analysis.mode === 'notConfigured');
  if (hosts.length === 0) return [];
  const first = hosts[0]!;
  const specPath = first.desired ? context.view.poolSpecPath(first.desired.pool) : undefined;
  return [
    buildFinding({
      id: 'RDSL-MODE-NOT-CONFIGURED',
      severity: 'error',
      title: `${hosts.length} session host(s) have no licensing mode`,
      hosts: hosts.map((analysis) => analysis.host.host),
      evidence: hosts.map((analysis) => ({ host: analysis.host.host, item: 'LicensingType', value: 'not configured (5)', source: 'wmi' as const })),
      cause: 'Without a licensing mode (per user or per device) a session host requests no CALs; it works during the grace period only, then refuses connections (events 1068, and 1069 once the grace period is over).',
      fix: resolveFix(context, {
        addresses: settingsAddresses(hosts),
        attributes: ['licensingMode'],
        pendingHosts: hosts.map((analysis) => analysis.host.host),
        specChange: `set licensingMode (perUser or perDevice, matching the CALs installed) for ${describePools(hosts)} or in their GPO`,
        manual: 'enable "Set the Remote Desktop licensing mode" in the Group Policy reaching the hosts (or set it in the deployment\'s RD Licensing properties) to the type of the CALs installed',
      }),
      ...(specPath ? { specPath } : {}),
    }),
  ];
};
