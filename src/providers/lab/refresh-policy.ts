/**
 * Group Policy refresh in the lab: session hosts reached by a GPO take the policy values the
 * GPOs deliver, and their effective values are recomputed. With `lab.policyRefresh: immediate`
 * (the default) this happens whenever rdsctl changes a GPO; with `manual` only through
 * `refreshPolicy`, so that "pending policy refresh" can be seen and tested.
 */
import { canonicalHostName } from '../../model/host-name.js';
import type { LiveGpo } from '../../model/live-state.js';
import { isGpoReachingOu, policyValuesForOu } from './gpo-scope.js';
import type { LabHost } from './lab-estate.js';
import { acquireFileLock } from '../../lock/file-lock.js';
import { labEstatePaths, type LabProviderOptions } from './lab-estate-files.js';
import { LabEstateStore } from './lab-estate-store.js';
import { settleLayers } from './layered-value.js';

/** Refreshes the session hosts `isSelected` picks among those some GPO reaches; returns the names of hosts that changed. */
export function refreshHostsPolicy(store: LabEstateStore, isSelected: (host: LabHost) => boolean): string[] {
  const { hosts, gpos } = store.estate();
  const changed: string[] = [];
  hosts.forEach((host, index) => {
    const ou = host.sessionHost?.ou;
    if (ou === undefined || !gpos.some((gpo) => isGpoReachingOu(gpo, ou, host.host)) || !isSelected(host)) return;
    const next = withPolicyValues(host, gpos, ou);
    if (next) {
      store.replaceHost(index, next);
      changed.push(host.host);
    }
  });
  return changed;
}

/** The session hosts a GPO reaches, for refreshing after that GPO changed. */
export function isReachedBy(gpo: LiveGpo): (host: LabHost) => boolean {
  return (host) => host.sessionHost?.ou !== undefined && isGpoReachingOu(gpo, host.sessionHost.ou, host.host);
}

function withPolicyValues(host: LabHost, gpos: readonly LiveGpo[], ou: string): LabHost | undefined {
  const sessionHost = host.sessionHost;
  if (!sessionHost) return undefined;
  const values = policyValuesForOu(gpos, ou, host.host);
  const sameMode = sessionHost.licensingMode.policy === values.licensingMode;
  const sameServers = JSON.stringify(sessionHost.licenseServers.policy) === JSON.stringify(values.licenseServers);
  if (sameMode && sameServers) return undefined;
  return {
    ...host,
    sessionHost: {
      ...sessionHost,
      licensingMode: settleLayers(sessionHost.licensingMode.local, values.licensingMode),
      licenseServers: settleLayers(sessionHost.licenseServers.local, values.licenseServers),
    },
  };
}

/**
 * Runs a Group Policy refresh on the live lab estate (what `gpupdate` does on the hosts):
 * every session host some GPO reaches, or only `hosts` when given. Takes the apply lock.
 */
export async function refreshPolicy(options: LabProviderOptions & { hosts?: string[] }): Promise<{ refreshed: string[] }> {
  const paths = labEstatePaths(options);
  const store = new LabEstateStore(paths);
  const lock = await acquireFileLock(paths, { operation: 'policy refresh', deployment: options.deployment, specFile: 'rds.yaml' });
  try {
    await store.ensureCurrent();
    const wanted = options.hosts ? new Set(options.hosts.map(canonicalHostName)) : undefined;
    const refreshed = refreshHostsPolicy(store, (host) => !wanted || wanted.has(canonicalHostName(host.host)));
    if (refreshed.length > 0) await store.persist();
    return { refreshed };
  } finally {
    await lock.release();
  }
}
