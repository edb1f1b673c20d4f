/**
 * Server lists as exported: a name that a session host or GPO lists for a licence server the
 * export declares (by FQDN, short name or address) is written as that server's host name, so
 * the spec's references resolve; the plan treats both as the same server and rewrites nothing.
 * Any other name is recorded as an external licence server.
 */
import { canonicalHostName, matchHostName } from '../model/host-name.js';
import type { LiveHost } from '../model/live-state.js';

export interface ServerNames {
  resolve(listed: readonly string[]): string[];
  /** Names resolved to no declared server, in the order first met. */
  external(): string[];
}

export function createServerNames(declared: readonly LiveHost[]): ServerNames {
  const external = new Map<string, string>();
  const resolveOne = (listed: string): string => {
    const found = declared.find((server) => matchHostName(listed, server.host, server.addresses ?? []) !== 'different');
    if (found) return found.host;
    const key = canonicalHostName(listed);
    if (!external.has(key)) external.set(key, listed);
    return external.get(key) as string;
  };
  return {
    resolve: (listed) => listed.map(resolveOne),
    external: () => [...external.values()],
  };
}
