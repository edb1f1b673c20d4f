/**
 * RDSL-CALS-EXHAUSTED: every CAL of a type on a licence server is issued. Per-device CALs then
 * stop: new devices are refused once their temporary licence runs out. Per-user CALs are not
 * enforced (windows-reference.md §7): users still connect, over-allocated beyond the purchase,
 * which breaches the licence agreement; a pool issued beyond its total is RDSL-PER-USER-OVER-ISSUED.
 * Issued can exceed total; free never goes below zero. Per-device CALs still valid on devices the
 * spec shows as gone (`reclaim`) are listed, and the fix leads with revoking them when that frees
 * enough; per-user exhaustion names the users holding CALs where the per-user report shows them.
 */
import { keyPackAddress, licenseServerAddress } from '../../model/address.js';
import { canonicalHostName } from '../../model/host-name.js';
import type { CalType } from '../../model/spec.js';
import { describeMode } from '../assess-cal-supply.js';
import { buildFinding } from '../build-finding.js';
import { describePool, listCalPools, type CalPool } from '../cal-pools.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import { findingKey, type Finding, type Fix } from '../finding.js';
import { listPerUserHolders, perUserHolderEvidence, perUserStep } from '../per-user-holders.js';
import { findReclaimableCals, reclaimableEvidence, type ReclaimableCals } from '../reclaimable-cals.js';
import { resolveFix } from '../resolve-fix.js';
import { dependentHosts, describeImpact, groupBlocks } from './group-blocks.js';

export const checkCalsExhausted: DoctorRule = (context) => {
  const groups = new Map(groupBlocks(context, 'RDSL-CALS-EXHAUSTED').map((group) => [group.key, group]));
  const findings: Finding[] = [];
  for (const server of context.view.licenseServers) {
    const pools = listCalPools(server.host, server.licenseServer!, context.input.now);
    for (const type of ['perDevice', 'perUser'] as const) {
      const ofType = pools.filter((pool) => pool.type === type);
      const full = ofType.filter((pool) => pool.total > 0 && pool.free === 0 && pool.overAllocated === 0);
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
  const counts = pools.map((pool) => `${pool.issued} of ${pool.total} ${describePool(pool)} issued`);
  const perUser = type === 'perUser';
  const live = context.view.host(server)?.licenseServer;
  const declared = (context.view.desiredLicenseServer(server)?.keyPacks ?? []).filter((pack) => pack.type === type);
  const specStep = declared.length > 0 ? [`Then raise the quantity of key pack${declared.length > 1 ? 's' : ''} ${declared.map((pack) => `"${pack.name}"`).join(', ')} in the spec and run rdsctl apply, which installs only the difference.`] : [];
  const installs = resolveFix(context, { addresses: declared.map((pack) => keyPackAddress(server, pack.name)), manual: '' });
  const holders = perUser && live ? listPerUserHolders(live, pools, context.input.now) : undefined;
  const buy: Fix = {
    kind: 'manual',
    summary: `buy more ${describeMode(type)} CALs (the hosts' Windows Server version or newer) and install them on ${server}`,
    steps: [perUser ? perUserStep(holders) : REVOKE_STEP, ...specStep],
  };
  const reclaimable = !perUser && live ? findReclaimableCals(context, server, live, pools) : undefined;
  return buildFinding({
    id: 'RDSL-CALS-EXHAUSTED',
    subject,
    severity: perUser ? 'warning' : 'error',
    title: perUser ? `${server}: all ${describeMode(type)} CALs are issued` : `${server}: no ${describeMode(type)} CALs left`,
    hosts: [server, ...dependentHosts(dependents)],
    evidence: [
      ...pools.map((pool) => ({ host: server, item: describePool(pool), value: `${pool.issued} issued of ${pool.total}`, source: 'wmi' as const })),
      ...(holders && holders.length > 0 && live ? [perUserHolderEvidence(server, live, holders)] : []),
      ...(reclaimable ? reclaimableEvidence(server, reclaimable) : []),
    ],
    cause: perUser
      ? `${counts.join('; ')}. Per-user CALs are not enforced: users still connect, but the next one is over-allocated, which breaches the licence agreement.`
      : `${counts.join('; ')}. New devices are refused once their 90-day temporary licence ends. ${describeImpact(dependents, group?.stranded ?? [])}.${describeReclaimable(reclaimable)}`,
    fix: reclaimFix(context, server, reclaimable) ?? (installs.kind === 'apply' ? installs : buy),
    address: declared[0] ? keyPackAddress(server, declared[0].name) : licenseServerAddress(server),
  });
}

const REVOKE_STEP =
  'Revoke the CALs of decommissioned devices: name them under reclaim.retiredDevices in the spec and set policy.allow.calRevocation: true, and rdsctl apply revokes them (at most 20% of per-device CALs at a time); unused per-device CALs also expire after a random 52–89 days.';

function describeReclaimable(reclaimable: ReclaimableCals | undefined): string {
  if (!reclaimable || reclaimable.licenses.length === 0) return '';
  const count = reclaimable.licenses.length;
  return ` ${count} of them ${count === 1 ? 'is' : 'are'} still valid on devices that are gone (reclaim); Windows lets ${reclaimable.revocableNow} be revoked now.`;
}

/** Reclaiming leads when the revocations Windows allows now free enough: one CAL, or policy.minFreeCals. */
function reclaimFix(context: DoctorContext, server: string, reclaimable: ReclaimableCals | undefined): Fix | undefined {
  if (!reclaimable || reclaimable.revocableNow < Math.max(1, context.input.policy.minFreeCals)) return undefined;
  const devices = reclaimable.licenses.slice(0, reclaimable.revocableNow).map((entry) => entry.license.issuedToComputer);
  return resolveFix(context, {
    addresses: reclaimable.addresses,
    manual: `revoke the per-device CALs of ${devices.join(', ')} on ${server} in RD Licensing Manager (Revoke License)`,
  });
}
