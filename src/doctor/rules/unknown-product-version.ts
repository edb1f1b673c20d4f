/**
 * RDSL-UNKNOWN-PRODUCT-VERSION: a key pack whose `ProductVersionID` rdsctl does not know (for
 * example a version newer than its table). It is reported, never dropped: capacity lists it by
 * its id, but rdsctl cannot tell which session hosts it serves.
 */
import { licenseServerAddress } from '../../model/address.js';
import { canonicalHostName } from '../../model/host-name.js';
import { buildFinding } from '../build-finding.js';
import { isPurchasedPack } from '../cal-pools.js';
import type { DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';

export const checkProductVersionsKnown: DoctorRule = (context) => {
  const findings: Finding[] = [];
  for (const server of context.view.licenseServers) {
    for (const pack of server.licenseServer!.keyPacks) {
      if (pack.product !== undefined || !isPurchasedPack(pack)) continue;
      findings.push(
        buildFinding({
          id: 'RDSL-UNKNOWN-PRODUCT-VERSION',
          subject: `${canonicalHostName(server.host)}|${pack.keyPackId}`,
          severity: 'warning',
          title: `${server.host}: key pack ${pack.keyPackId} has product version id ${pack.productVersionId}, which rdsctl does not know`,
          hosts: [server.host],
          evidence: [
            { host: server.host, item: `key pack ${pack.keyPackId} ProductVersionID`, value: pack.productVersionId, source: 'wmi' },
            ...(pack.description ? [{ host: server.host, item: `key pack ${pack.keyPackId} description`, value: pack.description, source: 'wmi' as const }] : []),
          ],
          cause: `rdsctl counts its ${pack.total} ${pack.type === 'perUser' ? 'per-user' : 'per-device'} CALs, but cannot tell which Windows Server versions they license, so it does not rely on them when judging whether a host can get a CAL.`,
          fix: { kind: 'manual', summary: `check the pack in RD Licensing Manager on ${server.host}; if it is a newer Windows Server version, update rdsctl` },
          address: licenseServerAddress(server.host),
        }),
      );
    }
  }
  return findings;
};
