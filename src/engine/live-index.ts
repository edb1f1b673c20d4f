/**
 * Live state indexed for the diff: hosts and GPOs by canonical name, read errors by host.
 * Built once per plan so every lookup is O(1) at 10,000 hosts.
 */
import { canonicalHostName } from '../model/host-name.js';
import type { HostError, LiveGpo, LiveHost, LiveState } from '../model/live-state.js';

export interface LiveIndex {
  host(name: string): LiveHost | undefined;
  error(name: string): HostError | undefined;
  gpo(name: string): LiveGpo | undefined;
  /** Addresses a host reports, for matching server lists that name it by address. */
  addressesOf(name: string): readonly string[];
}

export function indexLiveState(state: LiveState): LiveIndex {
  const hosts = new Map<string, LiveHost>();
  for (const host of state.hosts) hosts.set(canonicalHostName(host.host), host);
  const errors = new Map<string, HostError>();
  for (const error of state.errors) errors.set(canonicalHostName(error.host), error);
  const gpos = new Map<string, LiveGpo>();
  for (const gpo of state.gpos) gpos.set(gpo.name.toLowerCase(), gpo);
  return {
    host: (name) => hosts.get(canonicalHostName(name)),
    // Most reads fail for no host: then no name needs canonicalising.
    error: (name) => (errors.size === 0 ? undefined : errors.get(canonicalHostName(name))),
    gpo: (name) => gpos.get(name.toLowerCase()),
    addressesOf: (name) => hosts.get(canonicalHostName(name))?.addresses ?? [],
  };
}
