/**
 * The session hosts this provider has read and the licence servers each lists. A licence server's
 * endpoint check asks about the session hosts that list it, including those read by an earlier
 * call: doctor reads the servers that hosts list in a second round, without the hosts.
 */
import { canonicalHostName, matchHostName } from '../../model/host-name.js';
import type { LiveHost } from '../../model/live-state.js';

export interface KnownSessionHosts {
  /** Remembers the session hosts (RD Session Host role installed) among `hosts`; forgets those without the role. */
  remember(hosts: readonly LiveHost[]): void;
  /** Names of the remembered session hosts whose effective list names `server`, in the order first read. */
  listing(server: LiveHost): string[];
}

interface KnownSessionHost {
  host: string;
  servers: readonly string[];
}

export function createKnownSessionHosts(): KnownSessionHosts {
  const known = new Map<string, KnownSessionHost>();
  return {
    remember(hosts) {
      for (const host of hosts) {
        const key = canonicalHostName(host.host);
        if (host.sessionHost?.roleInstalled) known.set(key, { host: host.host, servers: host.sessionHost.licenseServers.effective });
        else known.delete(key);
      }
    },
    listing(server) {
      return [...known.values()].filter((entry) => entry.servers.some((listed) => namesServer(listed, server))).map((entry) => entry.host);
    },
  };
}

/** A listed name names the server by FQDN, short name or one of its addresses. */
function namesServer(listed: string, server: LiveHost): boolean {
  return matchHostName(listed, server.host, server.addresses ?? []) !== 'different' || matchHostName(server.host, listed) !== 'different';
}
