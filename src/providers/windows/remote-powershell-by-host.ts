/**
 * The PowerShell each host runs the scripts with over the ssh transport, where the spec names
 * one for a licence server or a session host pool (the connection's `remotePowerShell`, or
 * powershell.exe, serves every other host). Keyed by canonical host name, ranges expanded.
 */
import { canonicalHostName } from '../../model/host-name.js';
import type { Spec } from '../../model/spec.js';
import { expandHostPattern } from '../../spec/host-range.js';

export function remotePowerShellByHost(spec: Pick<Spec, 'licenseServers' | 'sessionHostPools'>): Map<string, string> {
  const byHost = new Map<string, string>();
  for (const pool of spec.sessionHostPools ?? []) {
    if (pool.remotePowerShell === undefined) continue;
    for (const host of pool.hosts.flatMap(expandHostPattern)) byHost.set(canonicalHostName(host), pool.remotePowerShell);
  }
  for (const server of spec.licenseServers ?? []) {
    if (server.remotePowerShell !== undefined) byHost.set(canonicalHostName(server.host), server.remotePowerShell);
  }
  return byHost;
}
