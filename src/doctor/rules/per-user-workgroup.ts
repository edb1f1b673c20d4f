/**
 * RDSL-PER-USER-WORKGROUP: per-user CALs are tracked in AD, so they cannot be used by session
 * hosts outside a domain (windows-reference.md §7): workgroup pools must be per device.
 */
import type { SessionHostAnalysis } from '../analyse-session-host.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { settingsAddresses } from './host-fix-addresses.js';

export const checkPerUserWorkgroup: DoctorRule = (context) => {
  const byPool = new Map<string, SessionHostAnalysis[]>();
  for (const analysis of context.sessionHosts) {
    if (!analysis.desired?.workgroup || analysis.mode !== 'perUser') continue;
    const list = byPool.get(analysis.desired.pool) ?? [];
    list.push(analysis);
    byPool.set(analysis.desired.pool, list);
  }
  const findings: Finding[] = [];
  for (const [pool, hosts] of byPool) {
    const poolPath = context.view.poolSpecPath(pool);
    findings.push(
      buildFinding({
        id: 'RDSL-PER-USER-WORKGROUP',
        subject: pool,
        severity: 'error',
        title: `pool "${pool}" is a workgroup pool in per-user mode`,
        hosts: hosts.map((analysis) => analysis.host.host),
        evidence: [
          ...hosts.map((analysis) => ({ host: analysis.host.host, item: 'licensing mode', value: 'perUser', source: 'wmi' as const })),
          { host: '(spec)', item: `pool "${pool}" workgroup`, value: true, source: 'spec' },
        ],
        cause: 'Per-user CALs are recorded in Active Directory; hosts outside a domain cannot track them, so per-user licensing does not work in a workgroup. Use per-device licensing there.',
        fix: resolveFix(context, {
          addresses: settingsAddresses(hosts),
          attributes: ['licensingMode'],
          specChange: `set licensingMode: perDevice for pool "${pool}" (and install per-device CALs)`,
          manual: 'set the hosts to per-device licensing and install per-device CALs',
        }),
        ...(poolPath ? { specPath: [...poolPath, 'licensingMode'] } : {}),
      }),
    );
  }
  return findings;
};
