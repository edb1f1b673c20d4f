/**
 * RDSL-PER-USER-WORKGROUP: per-user CALs are tracked in AD, so they cannot be used outside a
 * domain (windows-reference.md §7): by session hosts of a pool the spec declares a workgroup
 * pool, or through a licence server that live state shows is not domain joined
 * (`Win32_ComputerSystem.PartOfDomain`), whatever its spec says.
 */
import { keyPackAddress } from '../../model/address.js';
import type { SessionHostAnalysis } from '../analyse-session-host.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { buildBlockFinding } from './build-block-finding.js';
import { groupBlocks, type BlockGroup } from './group-blocks.js';
import { describePools, settingsAddresses } from './host-fix-addresses.js';

const CAUSE = 'Per-user CALs are recorded in Active Directory; outside a domain they cannot be tracked, so per-user licensing does not work in a workgroup. Use per-device licensing there.';

export const checkPerUserWorkgroup: DoctorRule = (context) => [
  ...workgroupPools(context),
  ...groupBlocks(context, 'RDSL-PER-USER-WORKGROUP').map((group) => workgroupServer(context, group)),
];

function workgroupPools(context: DoctorContext): Finding[] {
  const byPool = new Map<string, SessionHostAnalysis[]>();
  for (const analysis of context.sessionHosts) {
    if (!analysis.desired?.workgroup || analysis.mode !== 'perUser') continue;
    const list = byPool.get(analysis.desired.pool) ?? [];
    list.push(analysis);
    byPool.set(analysis.desired.pool, list);
  }
  return [...byPool].map(([pool, hosts]) => {
    const poolPath = context.view.poolSpecPath(pool);
    return buildFinding({
      id: 'RDSL-PER-USER-WORKGROUP',
      subject: pool,
      severity: 'error',
      title: `pool "${pool}" is a workgroup pool in per-user mode`,
      hosts: hosts.map((analysis) => analysis.host.host),
      evidence: [
        ...hosts.map((analysis) => ({ host: analysis.host.host, item: 'licensing mode', value: 'perUser', source: 'wmi' as const })),
        { host: '(spec)', item: `pool "${pool}" workgroup`, value: true, source: 'spec' },
      ],
      cause: CAUSE,
      fix: resolveFix(context, {
        addresses: settingsAddresses(hosts),
        attributes: ['licensingMode'],
        specChange: `set licensingMode: perDevice for pool "${pool}" (and install per-device CALs)`,
        manual: 'set the hosts to per-device licensing and install per-device CALs',
      }),
      ...(poolPath ? { specPath: [...poolPath, 'licensingMode'] } : {}),
    });
  });
}

function workgroupServer(context: DoctorContext, group: BlockGroup): Finding {
  const server = context.view.host(group.server);
  const membership = server?.membership;
  const hosts = group.dependents.map((dependent) => dependent.analysis);
  const specPath = context.view.licenseServerSpecPath(group.server);
  const perDevicePacks = (context.view.desiredLicenseServer(group.server)?.keyPacks ?? []).filter((pack) => pack.type === 'perDevice');
  return buildBlockFinding(group, {
    severity: 'error',
    title: `${group.server} is not in a domain, so the per-user session hosts using it cannot be licensed`,
    cause: `${group.detail}. ${CAUSE}`,
    evidence: [
      { host: group.server, item: 'Win32_ComputerSystem.PartOfDomain', value: false, source: 'wmi' },
      ...(membership?.workgroup ? [{ host: group.server, item: 'Win32_ComputerSystem.Workgroup', value: membership.workgroup, source: 'wmi' as const }] : []),
      ...(server?.licenseServer ? [{ host: group.server, item: 'discovery scope (ServerRole)', value: server.licenseServer.discovery.scope, source: 'wmi' as const }] : []),
    ],
    fix: resolveFix(context, {
      addresses: [...perDevicePacks.map((pack) => keyPackAddress(group.server, pack.name)), ...settingsAddresses(hosts)],
      attributes: ['licensingMode', 'licenseServers'],
      pendingHosts: hosts.map((analysis) => analysis.host.host),
      specChange: `set licensingMode: perDevice for ${describePools(hosts)} (with per-device CALs on ${group.server}), or point them at a domain-joined licence server`,
      manual: `join ${group.server} to the domain (then set its discovery scope to domain and add it to Terminal Server License Servers), or license the session hosts per device with per-device CALs on it`,
    }),
    ...(specPath ? { specPath } : {}),
  });
}
