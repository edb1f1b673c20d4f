/**
 * Reads what doctor needs, in two rounds through the provider: the hosts asked for (and the
 * GPOs), then every licence server those session hosts list that was not read yet, so a host's
 * own configuration leads to its servers even when no spec names them. An unreadable server
 * is an entry in `errors`, never a failed run.
 */
import { canonicalHostName, shortHostName } from '../model/host-name.js';
import type { LiveHost, LiveState } from '../model/live-state.js';
import type { GpoRef, Provider } from '../providers/provider.js';

export interface DoctorReadRequest {
  hosts: readonly string[];
  gpos: readonly GpoRef[];
  parallelism: number;
  /** Ask the provider for the per-user report (a read that writes, see the provider contract). */
  perUserReport?: boolean;
  signal?: AbortSignal;
}

export async function gatherDoctorState(provider: Provider, request: DoctorReadRequest): Promise<LiveState> {
  const perUserReport = request.perUserReport ? { perUserReport: true } : {};
  const first = await provider.read({ hosts: [...request.hosts], gpos: [...request.gpos], parallelism: request.parallelism, signal: request.signal, ...perUserReport });
  const missing = listUnreadServers(first, request.hosts);
  if (missing.length === 0) return first;
  const second = await provider.read({ hosts: missing, gpos: [], parallelism: request.parallelism, signal: request.signal, ...perUserReport });
  const hosts = new Map<string, LiveHost>();
  for (const host of [...first.hosts, ...second.hosts]) if (!hosts.has(canonicalHostName(host.host))) hosts.set(canonicalHostName(host.host), host);
  return { ...first, hosts: [...hosts.values()], errors: [...first.errors, ...second.errors] };
}

/** Names session hosts list that match no host read or asked for (by FQDN, short name or address). */
export function listUnreadServers(state: LiveState, asked: readonly string[]): string[] {
  const names = new Set<string>();
  const shorts = new Set<string>();
  const remember = (name: string): void => {
    names.add(canonicalHostName(name));
    shorts.add(shortHostName(name));
  };
  state.hosts.forEach((host: LiveHost) => {
    remember(host.host);
    for (const address of host.addresses ?? []) names.add(address.toLowerCase());
  });
  state.errors.forEach((error) => remember(error.host));
  asked.forEach(remember);
  const missing = new Map<string, string>();
  for (const host of state.hosts) {
    for (const listed of host.sessionHost?.licenseServers.effective ?? []) {
      const key = canonicalHostName(listed);
      const known = names.has(key) || (!key.includes('.') && shorts.has(key));
      if (!known && !missing.has(key)) missing.set(key, listed);
    }
  }
  // A short name that a missing FQDN also covers is the same server: read it once.
  const fullNames = new Set([...missing.keys()].filter((key) => key.includes('.')).map(shortHostName));
  return [...missing].filter(([key]) => key.includes('.') || !fullNames.has(key)).map(([, listed]) => listed);
}
