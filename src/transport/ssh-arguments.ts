/**
 * The OpenSSH client's arguments for one host. Everything else (ProxyJump, ControlMaster, the
 * agent, ciphers, the user's known_hosts) comes from the user's own ~/.ssh/config: rdsctl adds
 * only BatchMode (never prompt), a connect timeout, and the key and known_hosts file the spec
 * names.
 */
import type { HostTarget } from './host-target.js';

export function buildSshArguments(target: HostTarget, options: { connectTimeoutSeconds: number; commandLine: string }): string[] {
  const args = ['-T', '-o', 'BatchMode=yes', '-o', `ConnectTimeout=${Math.max(1, Math.round(options.connectTimeoutSeconds))}`];
  if (target.keyFile) args.push('-i', target.keyFile);
  if (target.knownHostsFile) args.push('-o', `UserKnownHostsFile=${target.knownHostsFile}`, '-o', 'StrictHostKeyChecking=yes');
  if (target.port !== undefined) args.push('-p', String(target.port));
  if (target.user) args.push('-l', target.user);
  // `--` so that no address can ever be read as an option.
  args.push('--', target.address, options.commandLine);
  return args;
}
