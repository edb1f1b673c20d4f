/**
 * Every `remotePowerShell` (the connection's default, a licence server's or a pool's own) is
 * read only by the ssh transport, and must be a program name that cmd.exe, PowerShell and a
 * POSIX shell all run the same way, since the host's OpenSSH server may start it in any of them.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { REMOTE_POWERSHELL_HINT, runsInEveryShell } from '../transport/ssh-command-line.js';
import type { SpecPath } from './loaded-spec.js';
import { quoteString } from './quote-value.js';
import { makeReferenceError, type ReferenceContext } from './reference-diagnostic.js';

export function checkRemotePowerShell(context: ReferenceContext): Diagnostic[] {
  const { spec } = context;
  const settings: { path: SpecPath; name: string; value: string }[] = [];
  if (spec.connection.remotePowerShell !== undefined) settings.push({ path: ['connection', 'remotePowerShell'], name: 'connection.remotePowerShell', value: spec.connection.remotePowerShell });
  (spec.licenseServers ?? []).forEach((server, i) => {
    if (server.remotePowerShell !== undefined) settings.push({ path: ['licenseServers', i, 'remotePowerShell'], name: `licenseServers[${i}].remotePowerShell`, value: server.remotePowerShell });
  });
  (spec.sessionHostPools ?? []).forEach((pool, i) => {
    if (pool.remotePowerShell !== undefined) settings.push({ path: ['sessionHostPools', i, 'remotePowerShell'], name: `sessionHostPools[${i}].remotePowerShell`, value: pool.remotePowerShell });
  });
  const usedBySsh = spec.connection.provider === 'windows' && (spec.connection.transport ?? 'ssh') === 'ssh';
  return settings.flatMap(({ path, name, value }): Diagnostic[] => {
    // connection.remotePowerShell under another transport is reported with the other connection settings.
    if (!usedBySsh) return path[0] === 'connection' ? [] : [makeReferenceError({ at: context.locate(path), summary: `${name} is only used by the ssh transport`, hint: `remove ${name}` })];
    if (runsInEveryShell(value)) return [];
    return [makeReferenceError({ at: context.locate(path), summary: `${name} ${quoteString(value)} cannot be run the same way by cmd.exe and PowerShell`, hint: REMOTE_POWERSHELL_HINT })];
  });
}
