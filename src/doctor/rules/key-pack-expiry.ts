/**
 * RDSL-KEYPACK-EXPIRING: a purchased key pack whose expiration date is near (warning) or past
 * (error: its CALs no longer count).
 */
import { licenseServerAddress } from '../../model/address.js';
import { canonicalHostName } from '../../model/host-name.js';
import { buildFinding } from '../build-finding.js';
import { describePool, isPurchasedPack } from '../cal-pools.js';
import type { DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';

const DAY_MS = 86_400_000;

export const checkKeyPackExpiry: DoctorRule = (context) => {
  const now = Date.parse(context.input.now);
  const window = context.input.policy.keyPackExpiryWarningDays;
  const findings: Finding[] = [];
  for (const server of context.view.licenseServers) {
    for (const pack of server.licenseServer!.keyPacks) {
      if (!isPurchasedPack(pack) || pack.expiresAt === undefined) continue;
      const days = Math.floor((Date.parse(pack.expiresAt) - now) / DAY_MS);
      if (days > window) continue;
      const expired = days < 0;
      const what = `key pack ${pack.keyPackId} (${pack.total} ${describePool(pack)})`;
      findings.push(
        buildFinding({
          id: 'RDSL-KEYPACK-EXPIRING',
          subject: `${canonicalHostName(server.host)}|${pack.keyPackId}`,
          severity: expired ? 'error' : 'warning',
          title: expired ? `${server.host}: ${what} expired on ${pack.expiresAt.slice(0, 10)}` : `${server.host}: ${what} expires in ${days} day(s)`,
          hosts: [server.host],
          evidence: [{ host: server.host, item: `key pack ${pack.keyPackId} ExpirationDate`, value: pack.expiresAt, source: 'wmi' }],
          cause: expired
            ? 'CALs of an expired key pack are no longer issued; rdsctl does not count them as capacity.'
            : `The key pack expires within ${window} days; its CALs stop counting then.`,
          fix: { kind: 'manual', summary: `renew the licences of ${what} (subscription or agreement) and install the renewed pack on ${server.host}` },
          address: licenseServerAddress(server.host),
        }),
      );
    }
  }
  return findings;
};
