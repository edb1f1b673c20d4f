/**
 * RDSL-PER-USER-OVER-ISSUED: a licence server has issued more per-user CALs than it holds.
 * Windows does not enforce per-user CALs (windows-reference.md §7), so nobody is refused; the
 * estate simply uses CALs it never bought, a breach of the licence agreement. Per-user CALs
 * cannot be revoked: the fix is buying the difference, and disabling the accounts of people who
 * left, named where the per-user report shows who holds them.
 */
import { keyPackAddress, licenseServerAddress } from '../../model/address.js';
import { canonicalHostName } from '../../model/host-name.js';
import { buildFinding } from '../build-finding.js';
import { describePool, listCalPools } from '../cal-pools.js';
import type { DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { listPerUserHolders, perUserHolderEvidence, perUserStep } from '../per-user-holders.js';
import { resolveFix } from '../resolve-fix.js';

export const checkPerUserOverIssue: DoctorRule = (context) => {
  const findings: Finding[] = [];
  for (const server of context.view.licenseServers) {
    const live = server.licenseServer!;
    const over = listCalPools(server.host, live, context.input.now).filter((pool) => pool.type === 'perUser' && pool.overAllocated > 0);
    if (over.length === 0) continue;
    const excess = over.reduce((sum, pool) => sum + pool.overAllocated, 0);
    const holders = listPerUserHolders(live, over, context.input.now);
    const declared = (context.view.desiredLicenseServer(server.host)?.keyPacks ?? []).filter((pack) => pack.type === 'perUser');
    // Apply fixes it only when the spec declares at least as many per-user CALs as are issued.
    const enough = declared.reduce((sum, pack) => sum + pack.quantity, 0) >= over.reduce((sum, pool) => sum + pool.issued, 0);
    const users = context.dependentsOf(server.host).filter((dependent) => dependent.analysis.mode === 'perUser').map((dependent) => dependent.analysis.host.host);
    const specStep = declared.length > 0 ? [`Then raise the quantity of key pack${declared.length > 1 ? 's' : ''} ${declared.map((pack) => `"${pack.name}"`).join(', ')} in the spec to at least ${over.reduce((sum, pool) => sum + pool.issued, 0)} per-user CALs in all and run rdsctl apply, which installs only the difference.`] : [];
    findings.push(
      buildFinding({
        id: 'RDSL-PER-USER-OVER-ISSUED',
        subject: canonicalHostName(server.host),
        severity: 'error',
        title: `${server.host}: ${excess} per-user CAL${excess === 1 ? '' : 's'} issued beyond the ${over.reduce((sum, pool) => sum + pool.total, 0)} installed`,
        hosts: [server.host, ...users],
        evidence: [
          ...over.map((pool) => ({ host: server.host, item: describePool(pool), value: `${pool.issued} issued of ${pool.total}`, source: 'wmi' as const })),
          ...(holders && holders.length > 0 ? [perUserHolderEvidence(server.host, live, holders)] : []),
        ],
        cause: `${over.map((pool) => `${pool.issued} of ${pool.total} ${describePool(pool)} issued`).join('; ')}. Windows does not enforce per-user CALs, so no one is refused, but ${excess} user${excess === 1 ? '' : 's'} hold CALs the estate never bought: a breach of the licence agreement.`,
        fix: resolveFix(context, {
          addresses: enough ? declared.map((pack) => keyPackAddress(server.host, pack.name)) : [],
          manual: `buy at least ${excess} more per-user CALs (the hosts' Windows Server version or newer) and install them on ${server.host}`,
          steps: [perUserStep(holders), ...specStep],
        }),
        address: declared[0] ? keyPackAddress(server.host, declared[0].name) : licenseServerAddress(server.host),
      }),
    );
  }
  return findings;
};
