/**
 * RDSL-CAL-VERSION-OLD: a licence server's CALs of the right type are older than the session
 * host's Windows Server version. A CAL serves its own version and older hosts only
 * (windows-reference.md §7): a Windows Server 2022 host needs 2022 or 2025 CALs.
 */
import { keyPackAddress } from '../../model/address.js';
import { displayOsVersion } from '../../model/os-version.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { dependentHosts, describeImpact, groupBlocks } from './group-blocks.js';

export const checkCalVersionsServeHosts: DoctorRule = (context) =>
  groupBlocks(context, 'RDSL-CAL-VERSION-OLD').map((group): Finding => {
    const first = group.dependents[0]?.analysis;
    const os = first?.host.os;
    const version = os === undefined ? 'the hosts\' version' : displayOsVersion(os);
    const mode = first?.mode === 'perDevice' ? 'per-device' : 'per-user';
    const server = context.view.host(group.server);
    const declared = (context.view.desiredLicenseServer(group.server)?.keyPacks ?? []).filter((pack) => pack.type === first?.mode);
    return buildFinding({
      id: 'RDSL-CAL-VERSION-OLD',
      subject: group.key.slice('RDSL-CAL-VERSION-OLD:'.length),
      severity: 'error',
      title: `${group.server} has no ${mode} CALs for ${version} session hosts`,
      hosts: [group.server, ...dependentHosts(group.dependents)],
      evidence: [
        ...group.dependents.slice(0, 4).map((dependent) => ({ host: dependent.analysis.host.host, item: 'OS', value: dependent.analysis.host.os ?? 'unknown', source: 'wmi' as const })),
        ...(server?.licenseServer?.keyPacks ?? [])
          .filter((pack) => pack.type === first?.mode)
          .map((pack) => ({ host: server!.host, item: `key pack ${pack.keyPackId} product`, value: pack.product ? displayOsVersion(pack.product) : `id ${pack.productVersionId}`, source: 'wmi' as const })),
      ],
      cause: `${group.detail}. A CAL licenses session hosts of its own Windows Server version and older, never newer ones. ${describeImpact(group.dependents, group.stranded)}.`,
      fix: resolveFix(context, {
        addresses: declared.map((pack) => keyPackAddress(group.server, pack.name)),
        specChange: `declare a key pack with product ${os ?? 'the hosts\' version'} (or newer) and type ${first?.mode ?? ''} on ${group.server}`,
        manual: `buy ${version} (or newer) RDS ${mode} CALs and install them on ${group.server}; CALs of an older version cannot be upgraded in place`,
      }),
    });
  });
