/**
 * Gathers live state for everything the desired model names: licence servers, session hosts
 * and GPOs, in one provider read (providers fan out with the given parallelism).
 */
import { canonicalHostName } from '../model/host-name.js';
import type { LiveState } from '../model/live-state.js';
import type { Provider } from '../providers/provider.js';
import type { DesiredModel } from './desired-model.js';

export interface GatherOptions {
  parallelism: number;
  signal?: AbortSignal;
}

export function listHosts(desired: DesiredModel): string[] {
  const seen = new Set<string>();
  const hosts: string[] = [];
  const add = (host: string): void => {
    const key = canonicalHostName(host);
    if (seen.has(key)) return;
    seen.add(key);
    hosts.push(host);
  };
  for (const server of desired.licenseServers) add(server.host);
  for (const broker of desired.connectionBrokers) add(broker.host);
  for (const entry of desired.sessionHosts) add(entry.host);
  return hosts;
}

export function gatherLiveState(provider: Provider, desired: DesiredModel, options: GatherOptions): Promise<LiveState> {
  return provider.read({
    hosts: listHosts(desired),
    gpos: desired.gpos.map((gpo) => ({ name: gpo.name, domain: gpo.domain })),
    parallelism: options.parallelism,
    signal: options.signal,
  });
}
