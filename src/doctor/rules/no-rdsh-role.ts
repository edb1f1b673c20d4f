/**
 * RDSL-NO-RDSH-ROLE: a host without the RD Session Host role runs in Remote Desktop for
 * Administration mode: up to two administrative sessions, no CALs needed. Informational, so
 * nobody buys CALs for it (windows-reference.md §7).
 */
import { buildFinding } from '../build-finding.js';
import type { DoctorRule } from '../doctor-context.js';

export const reportAdministrationMode: DoctorRule = (context) => {
  const hosts = context.view.sessionHosts.filter((host) => host.sessionHost?.roleInstalled === false);
  if (hosts.length === 0) return [];
  return [
    buildFinding({
      id: 'RDSL-NO-RDSH-ROLE',
      severity: 'info',
      title: `${hosts.length} host(s) run without the RD Session Host role: two administrative sessions, no CALs needed`,
      hosts: hosts.map((host) => host.host),
      evidence: hosts.map((host) => ({ host: host.host, item: 'TerminalServerMode', value: 'remote administration (0)', source: 'wmi' as const })),
      cause: 'Without the RD Session Host role, Windows Server allows two concurrent administrative connections (console included) without any RDS CAL; licensing settings on these hosts have no effect.',
      fix: {
        kind: 'manual',
        summary: 'nothing to do unless these hosts should serve users: then install the RD Session Host role (Install-WindowsFeature RDS-RD-Server) and license them',
      },
    }),
  ];
};
