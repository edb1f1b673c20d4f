/**
 * RDSL-CALS-EXHAUSTED: every CAL of a type on a licence server is issued. Per-device CALs then
 * stop: new devices are refused once their temporary licence runs out. Per-user CALs are not
 * enforced (windows-reference.md §7): users still connect, over-allocated beyond the purchase,
 * which breaches the licence agreement. Issued can exceed total; free never goes below zero.
 */
import { keyPackAddress, licenseServerAddress } from '../../model/address.js';
import { canonicalHostName } from '../../model/host-name.js';
import type { CalType } from '../../model/spec.js';
import { describeMode } from '../assess-cal-supply.js';
import { buildFinding } from '../build-finding.js';
import { describePool, listCalPools, type CalPool } from '../cal-pools.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import { findingKey, type Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { dependentHosts, describeImpact, groupBlocks } from './group-blocks.js';

export const checkCalsExhausted: DoctorRule = (context) => {
  const groups = new Map(groupBlocks(context, 'RDSL-CALS-EXHAUSTED').map((group) => [group.key, group]));
  const findings: Finding[] = [];
  for (const server of context.view.licenseServers) {
    const pools = listCalPools(server.host, server.licenseServer!, context.input.now);
    for (const type of ['perDevice', 'perUser'] as const) {
      const ofType = pools.filter((pool) => pool.type === type);
      const full = ofType.filter((pool) => pool.total > 0 && pool.free === 0);
      const subject = `${canonicalHostName(server.host)}|${type}`;
      const group = groups.get(findingKey('RDSL-CALS-EXHAUSTED', subject));
      if (full.length === 0 && !group) continue;
      findings.push(exhaustedFinding(context, server.host, type, full.length > 0 ? full : ofType, subject, group));
    }
  }
  return findings;
};

function exhaustedFinding(
  context: DoctorContext,
  server: string,
  type: CalType,
  pools: readonly CalPool[],
  subject: string,
  group: ReturnType<typeof groupBlocks>[number] | undefined,
): Finding {
  const dependents = group?.dependents ?? [];
  const over = pools.reduce((sum, pool) => sum + pool.overAllocated, 0);
  const counts = pools.map((pool) => `${pool.issued} of ${pool.total} ${describePool(pool)} issued${pool.overAllocated > 0 ? ` (${pool.overAllocated} over-allocated)` : ''}`);
  const perUser = type === 'perUser';
  const declared = (context.view.desiredLicenseServer(server)?.keyPacks ?? []).filter((pack) => pack.type === type);
  const specStep = declared.length > 0 ? [`Then raise the quantity of key pack${declared.length > 1 ? 's' : ''} ${declared.map((pack) => `"${pack.name}"`).join(', ')} in the spec and run rdsctl apply, which installs only the difference.`] : [];
  const installs = resolveFix(context, { addresses: declared.map((pack) => keyPackAddress(server, pack.name)), manual: '' });
  return buildFinding({
    id: 'RDSL-CALS-EXHAUSTED',
    subject,
    severity: perUser ? 'warning' : 'error',
    title: perUser
      ? `${server}: all ${describeMode(type)} CALs are issued${over > 0 ? `, ${over} over-allocated` : ''}`
      : `${server}: no ${describeMode(type)} CALs left`,
    hosts: [server, ...dependentHosts(dependents)],
    evidence: pools.map((pool) => ({ host: server, item: describePool(pool), value: `${pool.issued} issued of ${pool.total}`, source: 'wmi' as const })),
    cause: perUser
      ? `${counts.join('; ')}. Per-user CALs are not enforced: users still connect, but the estate uses more CALs than it bought, which breaches the licence agreement.`
      : `${counts.join('; ')}. New devices are refused once their 90-day temporary licence ends. ${describeImpact(dependents, group?.stranded ?? [])}.`,
    fix: installs.kind === 'apply' ? installs : {
      kind: 'manual',
      summary: `buy more ${describeMode(type)} CALs (the hosts' Windows Server version or newer) and install them on ${server}`,
      steps: [
        perUser
          ? 'Per-user CALs cannot be revoked: disable the accounts of people who left; their CALs show a 60-day expiry and can be reassigned only after 90 days.'
          : 'Revoke the CALs of decommissioned devices in RD Licensing Manager (at most 20% of per-device CALs at a time); unused per-device CALs also expire after a random 52–89 days.',
        ...specStep,
      ],
    },
    address: declared[0] ? keyPackAddress(server, declared[0].name) : licenseServerAddress(server),
  });
}
