/**
 * Diffs a single change target (one host or one GPO) against fresh live state. Apply uses it
 * to verify a change after re-reading only that target.
 */
import type { Change, ChangeTarget, PendingRefresh } from '../model/change.js';
import { canonicalHostName } from '../model/host-name.js';
import type { LiveGpo, LiveHost } from '../model/live-state.js';
import type { DesiredLicenseServer, DesiredModel, DesiredSessionHost } from './desired-model.js';
import type { DiffContext } from './diff-context.js';
import { diffGpo } from './diff-gpo.js';
import { diffKeyPacks } from './diff-key-packs.js';
import { diffLicenseServerSettings } from './diff-license-server.js';
import { diffSessionHost } from './diff-session-host.js';
import type { LiveIndex } from './live-index.js';

export interface DesiredLookup {
  licenseServer(host: string): DesiredLicenseServer | undefined;
  sessionHost(host: string): DesiredSessionHost | undefined;
}

export function indexDesired(desired: DesiredModel): DesiredLookup {
  const servers = new Map(desired.licenseServers.map((server) => [canonicalHostName(server.host), server]));
  const hosts = new Map(desired.sessionHosts.map((host) => [canonicalHostName(host.host), host]));
  return {
    licenseServer: (host) => servers.get(canonicalHostName(host)),
    sessionHost: (host) => hosts.get(canonicalHostName(host)),
  };
}

/** Live index with one host or GPO replaced by a fresh read. */
export function overlayLiveIndex(base: LiveIndex, fresh: { host?: LiveHost; gpo?: LiveGpo }): LiveIndex {
  const freshHost = fresh.host ? canonicalHostName(fresh.host.host) : undefined;
  const freshGpo = fresh.gpo?.name.toLowerCase();
  return {
    host: (name) => (freshHost === canonicalHostName(name) ? fresh.host : base.host(name)),
    error: (name) => (freshHost === canonicalHostName(name) ? undefined : base.error(name)),
    gpo: (name) => (freshGpo === name.toLowerCase() ? fresh.gpo : base.gpo(name)),
    addressesOf: (name) => (freshHost === canonicalHostName(name) ? (fresh.host?.addresses ?? []) : base.addressesOf(name)),
  };
}

/** Changes still needed on `target`, and pending refreshes for a session host. */
export function diffTarget(target: ChangeTarget, desired: DesiredModel, lookup: DesiredLookup, live: LiveIndex): { changes: Change[]; pending: PendingRefresh[] } {
  const ctx: DiffContext = { desired, live, diagnostics: [] };
  if (target.kind === 'gpo') {
    const gpo = desired.gpos.find((candidate) => candidate.name.toLowerCase() === target.gpo.toLowerCase());
    const liveGpo = live.gpo(target.gpo);
    if (gpo === undefined || liveGpo === undefined) return { changes: [], pending: [] };
    return { changes: diffGpo(gpo, liveGpo, ctx, 0), pending: [] };
  }
  const host = live.host(target.host);
  const changes: Change[] = [];
  const pending: PendingRefresh[] = [];
  const server = lookup.licenseServer(target.host);
  if (server && host?.licenseServer) {
    changes.push(...diffLicenseServerSettings(server, host.licenseServer, ctx), ...diffKeyPacks(server, host.licenseServer, ctx));
  }
  const sessionHost = lookup.sessionHost(target.host);
  if (sessionHost && host?.sessionHost) {
    const result = diffSessionHost(sessionHost, host.sessionHost, ctx, new Set());
    changes.push(...result.changes);
    pending.push(...result.pending);
  }
  return { changes, pending };
}
