/**
 * RDSL-CAL-TYPE-MISMATCH: a session host's licensing mode asks for a CAL type its licence server
 * does not hold (windows-reference.md §7, event 1004). When Group Policy forced the mode over a
 * local value that would have worked, the policy override is the root cause.
 */
import { keyPackAddress } from '../../model/address.js';
import type { SessionHostAnalysis } from '../analyse-session-host.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { dependentHosts, describeImpact, groupBlocks } from './group-blocks.js';
import { describePools, settingsAddresses } from './host-fix-addresses.js';

export const checkCalTypes: DoctorRule = (context) =>
  groupBlocks(context, 'RDSL-CAL-TYPE-MISMATCH').map((group): Finding => {
    const hosts = group.dependents.map((dependent) => dependent.analysis);
    const mode = hosts[0]?.mode ?? 'perUser';
    const wanted = mode === 'perUser' ? 'per-user' : 'per-device';
    const other = mode === 'perUser' ? 'perDevice' : 'perUser';
    const overrides = new Set(group.stranded.map((analysis) => analysis.block).filter((block) => block?.id === 'RDSL-POLICY-OVERRIDES-LOCAL').map((block) => block!.key));
    const rootCause = overrides.size === 1 && group.stranded.every((analysis) => analysis.block?.id === 'RDSL-POLICY-OVERRIDES-LOCAL') ? [...overrides][0] : undefined;
    return buildFinding({
      id: 'RDSL-CAL-TYPE-MISMATCH',
      subject: group.key.slice('RDSL-CAL-TYPE-MISMATCH:'.length),
      rootCause,
      severity: 'error',
      title: `${dependentHosts(group.dependents).length} ${wanted}-mode session host(s) use ${group.server}, which has no ${wanted} CALs`,
      hosts: [group.server, ...dependentHosts(group.dependents)],
      evidence: [
        ...hosts.slice(0, 4).map((analysis) => ({
          host: analysis.host.host,
          item: 'licensing mode',
          value: String(analysis.mode),
          source: analysis.sessionHost.licensingMode.source === 'policy' ? ('policy' as const) : ('registry' as const),
        })),
        ...keyPackEvidence(context, group.server),
      ],
      cause: `${group.detail}. A host's licensing mode must match the type of the CALs its licence server holds, or it gets none. ${describeImpact(group.dependents, group.stranded)}.`,
      fix: resolveFix(context, {
        addresses: [...declaredPacksOfType(context, group.server, mode, hosts), ...settingsAddresses(hosts)],
        attributes: ['licensingMode'],
        pendingHosts: hosts.map((analysis) => analysis.host.host),
        specChange: `set licensingMode: ${other} for ${describePools(hosts)} (or in their GPO) to match the CALs on ${group.server}, or declare ${wanted} key packs on ${group.server}`,
        manual: `set the hosts' licensing mode to match the CALs installed on ${group.server} (Group Policy "Set the Remote Desktop licensing mode", or the deployment's RD Licensing properties), or buy and install ${wanted} CALs`,
      }),
    });
  });

/** Packs of the wanted type the spec declares on the server fix it too, when the spec keeps the hosts in that mode. */
function declaredPacksOfType(context: Parameters<DoctorRule>[0], serverName: string, mode: string, hosts: readonly SessionHostAnalysis[]): string[] {
  const keepsMode = hosts.every((analysis) => (context.view.intendedSettings(analysis.host.host)?.licensingMode ?? mode) === mode);
  if (!keepsMode) return [];
  const declared = context.view.desiredLicenseServer(serverName)?.keyPacks ?? [];
  return declared.filter((pack) => pack.type === mode).map((pack) => keyPackAddress(serverName, pack.name));
}

function keyPackEvidence(context: Parameters<DoctorRule>[0], serverName: string) {
  const server = context.view.host(serverName);
  return (server?.licenseServer?.keyPacks ?? [])
    .filter((pack) => pack.type === 'perUser' || pack.type === 'perDevice')
    .map((pack) => ({ host: server!.host, item: `key pack ${pack.keyPackId}`, value: `${pack.type}, ${pack.total} installed`, source: 'wmi' as const }));
}

