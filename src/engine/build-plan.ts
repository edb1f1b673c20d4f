/**
 * Builds a plan from the desired model and live state. Pure: no I/O, no clock.
 */
import { isAddressSelectedBy } from '../model/address.js';
import type { Change, PendingRefresh } from '../model/change.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { canonicalHostName } from '../model/host-name.js';
import type { LiveHost, LiveState } from '../model/live-state.js';
import { PLAN_FORMAT_VERSION, type Plan, type PlanSummary } from '../model/plan.js';
import { checkCalVersions } from './check-cal-versions.js';
import type { DesiredModel, DesiredSessionHost } from './desired-model.js';
import type { DiffContext } from './diff-context.js';
import { diffConnectionBroker } from './diff-connection-broker.js';
import { diffGpo } from './diff-gpo.js';
import { chainRevocations, diffIssuedLicenses } from './diff-issued-licenses.js';
import { diffKeyPacks } from './diff-key-packs.js';
import { diffLicenseServerSettings } from './diff-license-server.js';
import { diffSessionHost } from './diff-session-host.js';
import { computeFingerprints } from './fingerprint.js';
import { indexLiveState } from './live-index.js';
import { orderChanges, selectWithDependencies } from './order-changes.js';
import { reportUnreadable } from './report-unreadable.js';

export interface BuildPlanInput {
  desired: DesiredModel;
  live: LiveState;
  provider: string;
  /** `--target` addresses; empty or absent means everything. */
  targets?: readonly string[];
}

export function buildPlan({ desired, live, provider, targets = [] }: BuildPlanInput): Plan {
  const ctx: DiffContext = { desired, live: indexLiveState(live), diagnostics: [], provider, ...(live.readAt === undefined ? {} : { readAt: live.readAt }) };
  // Each desired session host's live state, looked up once for the passes below.
  const liveSessionHosts = desired.sessionHosts.map((host) => ctx.live.host(host.host));
  const unknownHosts = reportUnreadable(desired, ctx, liveSessionHosts);
  const unknown = unknownHostSet(unknownHosts);

  const gpoChanges = diffGpos(ctx, unknown, liveSessionHosts);
  const changedGpos = new Set(
    gpoChanges.filter((change) => !change.refused && change.target.kind === 'gpo').map((change) => (change.target.kind === 'gpo' ? change.target.gpo.toLowerCase() : '')),
  );
  const serverChanges = diffLicenseServers(ctx, unknown);
  const brokerChanges = diffBrokers(ctx, unknown);
  const { changes: hostChanges, pending } = diffSessionHosts(ctx, unknown, changedGpos, liveSessionHosts);

  let changes = orderChanges([...gpoChanges, ...brokerChanges, ...serverChanges, ...hostChanges]);
  let pendingHosts = pending;
  if (targets.length > 0) {
    const selected = (address: string): boolean => targets.some((target) => isAddressSelectedBy(address, target));
    changes = selectWithDependencies(changes, (change) => selected(change.address));
    pendingHosts = pending.filter((entry) => selected(entry.address));
  }
  changes = chainRevocations(changes, ctx.live);
  const diagnostics: Diagnostic[] = [...ctx.diagnostics, ...checkCalVersions(desired, ctx.live, liveSessionHosts)];

  return {
    formatVersion: PLAN_FORMAT_VERSION,
    deployment: desired.deployment,
    provider,
    changes,
    pending: pendingHosts,
    unknownHosts,
    diagnostics,
    summary: summarise(changes, pendingHosts, unknownHosts),
    hasChanges: changes.length > 0,
    fingerprints: computeFingerprints(changes, live, ctx.live),
  };
}

/** The hosts that could not be read, tested by name; when every host was read, no name is canonicalised. */
interface UnknownHosts {
  has(host: string): boolean;
}

function unknownHostSet(hosts: readonly string[]): UnknownHosts {
  if (hosts.length === 0) return { has: () => false };
  const keys = new Set(hosts.map(canonicalHostName));
  return { has: (host) => keys.has(canonicalHostName(host)) };
}

function diffGpos(ctx: DiffContext, unknown: UnknownHosts, liveSessionHosts: readonly (LiveHost | undefined)[]): Change[] {
  // One pass over the session hosts, not one per GPO.
  const hostsByPool = new Map<string, { host: DesiredSessionHost; live: LiveHost | undefined }[]>();
  ctx.desired.sessionHosts.forEach((host, index) => {
    const entry = { host, live: liveSessionHosts[index] };
    const pool = hostsByPool.get(host.pool);
    if (pool) pool.push(entry);
    else hostsByPool.set(host.pool, [entry]);
  });
  return ctx.desired.gpos.flatMap((gpo) => {
    const live = ctx.live.gpo(gpo.name);
    if (live === undefined) return [];
    // Sessions count only on hosts whose mode the GPO would actually change.
    let activeSessions = 0;
    if (gpo.licensingMode !== undefined) {
      for (const pool of new Set(gpo.pools)) {
        for (const { host, live: liveHost } of hostsByPool.get(pool) ?? []) {
          if (unknown.has(host.host)) continue;
          const sessionHost = liveHost?.sessionHost;
          if (sessionHost !== undefined && sessionHost.licensingMode.effective !== gpo.licensingMode) activeSessions += sessionHost.activeSessions ?? 0;
        }
      }
    }
    return diffGpo(gpo, live, ctx, activeSessions);
  });
}

function diffBrokers(ctx: DiffContext, unknown: UnknownHosts): Change[] {
  if (ctx.desired.connectionBrokers.length === 0) return [];
  return ctx.desired.connectionBrokers.flatMap((broker) => {
    if (unknown.has(canonicalHostName(broker.host))) return [];
    // Sessions count only on the broker's hosts whose mode it would change.
    let activeSessions = 0;
    const pools = new Set(broker.pools);
    for (const host of ctx.desired.sessionHosts) {
      if (!pools.has(host.pool) || unknown.has(canonicalHostName(host.host))) continue;
      const sessionHost = ctx.live.host(host.host)?.sessionHost;
      if (sessionHost !== undefined && broker.licensingMode !== undefined && sessionHost.licensingMode.effective !== broker.licensingMode) activeSessions += sessionHost.activeSessions;
    }
    return diffConnectionBroker(broker, ctx, activeSessions);
  });
}

function diffLicenseServers(ctx: DiffContext, unknown: UnknownHosts): Change[] {
  return ctx.desired.licenseServers.flatMap((server) => {
    if (unknown.has(server.host)) return [];
    const live = ctx.live.host(server.host)?.licenseServer;
    if (live === undefined) {
      ctx.diagnostics.push({
        severity: 'error',
        code: 'LICENSING_ROLE_MISSING',
        summary: `${server.host} does not have the RD Licensing role`,
        hint: 'install it with Install-WindowsFeature RDS-Licensing -IncludeManagementTools; rdsctl does not install roles',
      });
      return [];
    }
    if (live.accessDenied) {
      ctx.diagnostics.push({
        severity: 'error',
        code: 'ACCESS_DENIED',
        summary: `${server.host}: the licence server returned empty data, which Windows does for callers without administrator rights`,
        hint: 'run rdsctl with an account that is a local administrator on the licence server',
      });
      return [];
    }
    return [...diffLicenseServerSettings(server, live, ctx), ...diffKeyPacks(server, live, ctx), ...diffIssuedLicenses(server, live, ctx)];
  });
}

function diffSessionHosts(
  ctx: DiffContext,
  unknown: UnknownHosts,
  changedGpos: ReadonlySet<string>,
  liveSessionHosts: readonly (LiveHost | undefined)[],
): { changes: Change[]; pending: PendingRefresh[] } {
  const changes: Change[] = [];
  const pending: PendingRefresh[] = [];
  for (const [index, host] of ctx.desired.sessionHosts.entries()) {
    if (unknown.has(host.host)) continue;
    const live = liveSessionHosts[index]?.sessionHost;
    if (live === undefined) {
      ctx.diagnostics.push({
        severity: 'error',
        code: 'SESSION_HOST_ROLE_MISSING',
        summary: `${host.host} reports no Remote Desktop Session Host settings`,
        hint: 'check that the host runs the RD Session Host role',
      });
      continue;
    }
    const result = diffSessionHost(host, live, ctx, changedGpos);
    for (const change of result.changes) changes.push(change);
    for (const entry of result.pending) pending.push(entry);
  }
  return { changes, pending };
}

function summarise(changes: readonly Change[], pending: readonly PendingRefresh[], unknownHosts: readonly string[]): PlanSummary {
  const count = (action: Change['action']): number => changes.filter((change) => change.action === action && !change.refused).length;
  return {
    create: count('create'),
    update: count('update'),
    delete: count('delete'),
    refused: changes.filter((change) => change.refused).length,
    pending: pending.length,
    unknown: unknownHosts.length,
  };
}
