/**
 * How the runner reaches a host, from the spec's connection settings. Names DNS does not know
 * map to addresses through `connection.addresses` (nothing edits /etc/hosts); key and
 * known_hosts files resolve from the spec's directory.
 */
import * as path from 'node:path';
import { canonicalHostName } from '../../model/host-name.js';
import type { ConnectionSpec } from '../../model/spec.js';
import type { HostTarget } from '../../transport/host-target.js';

export function addressOf(connection: ConnectionSpec, host: string): string {
  const wanted = canonicalHostName(host);
  for (const [name, address] of Object.entries(connection.addresses ?? {})) {
    if (canonicalHostName(name) === wanted) return address;
  }
  return host;
}

export function resolveHostTarget(options: {
  connection: ConnectionSpec;
  specDirectory: string;
  host: string;
  password?: string;
  /** A licence server's or pool's own remotePowerShell, by canonical host name. */
  remotePowerShellByHost?: ReadonlyMap<string, string> | undefined;
}): HostTarget {
  const { connection, specDirectory, host } = options;
  const transport = connection.transport ?? 'ssh';
  const target: HostTarget = { transport, address: transport === 'local' ? host : addressOf(connection, host) };
  if (transport === 'local') return target;
  if (connection.port !== undefined) target.port = connection.port;
  if (connection.user !== undefined) target.user = connection.user;
  if (transport === 'ssh') {
    const remotePowerShell = options.remotePowerShellByHost?.get(canonicalHostName(host)) ?? connection.remotePowerShell;
    if (remotePowerShell !== undefined) target.remotePowerShell = remotePowerShell;
  }
  if (transport === 'ssh' || transport === 'psrp-ssh') {
    if (connection.keyFile) target.keyFile = path.resolve(specDirectory, connection.keyFile);
    if (connection.knownHostsFile) target.knownHostsFile = path.resolve(specDirectory, connection.knownHostsFile);
  }
  if (transport === 'winrm' && options.password !== undefined) target.password = options.password;
  if (transport === 'winrm' && connection.useSsl === true) target.useSsl = true;
  return target;
}
