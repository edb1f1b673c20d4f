/**
 * Removing licences down to a target total: whole packs go first, newest first, and the last
 * one is reduced when only part of it is surplus.
 */
import type { Operation } from '../../../model/operation.js';
import { describeGroup, describeLicences, installedInGroup, isPackInGroup } from './key-pack-group.js';
import { copyHost, done, failed, noop, type HostOperationContext, type OperationOutcome } from './operation-outcome.js';

type RemoveLicenses = Extract<Operation, { kind: 'removeLicenses' }>;

export function removeLicenses(operation: RemoveLicenses, ctx: HostOperationContext): OperationOutcome {
  const host = ctx.current();
  const server = host.licenseServer;
  if (!server) return failed('ROLE_MISSING', `${host.host} is not a licence server (the RD Licensing role is not installed)`);
  const { group } = operation;
  const installed = installedInGroup(server.keyPacks, group);
  const surplus = installed - Math.max(0, operation.targetTotal);
  if (surplus <= 0) return noop(`${describeLicences(installed)} installed, no more than ${operation.targetTotal} wanted (${describeGroup(group)})`);

  const next = copyHost(host);
  const packs = next.licenseServer?.keyPacks ?? [];
  const newestFirst = packs.filter((pack) => isPackInGroup(pack, group)).sort((a, b) => b.keyPackId - a.keyPackId);
  let remaining = surplus;
  const removed = new Set<number>();
  for (const pack of newestFirst) {
    if (remaining === 0) break;
    if (pack.total <= remaining) {
      remaining -= pack.total;
      removed.add(pack.keyPackId);
    } else {
      pack.total -= remaining;
      pack.available = Math.max(0, pack.total - pack.issued);
      remaining = 0;
    }
  }
  if (next.licenseServer) next.licenseServer.keyPacks = packs.filter((pack) => !removed.has(pack.keyPackId));
  ctx.commit(next);
  return done(`removed ${describeLicences(surplus)} (${describeGroup(group)})`);
}
