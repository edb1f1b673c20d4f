/**
 * Without a spec, `rdsctl doctor` builds the connection from flags that mirror the spec's
 * `connection` settings, and wraps it as a loaded spec so the ordinary provider factory serves.
 */
import { basename, dirname, resolve } from 'node:path';
import { RdsctlError } from '../../model/rdsctl-error.js';
import type { ConnectionSpec, TransportName } from '../../model/spec.js';
import type { LoadedSpec } from '../../spec/loaded-spec.js';

export interface ConnectionFlags {
  provider?: string;
  estate?: string;
  deployment?: string;
  transport?: string;
  user?: string;
  passwordEnv?: string;
  keyFile?: string;
  knownHostsFile?: string;
  port?: string;
  timeoutSeconds?: string;
  gpoManagementHost?: string;
}

const SOURCE = '(command line)';

export function createCommandLineSpec(flags: ConnectionFlags): LoadedSpec {
  const provider = flags.provider ?? (flags.estate !== undefined ? 'lab' : 'windows');
  const deployment = flags.deployment ?? 'lab';
  if (provider === 'lab') {
    if (flags.estate === undefined) throw usage('--provider lab needs --estate FILE');
    const estate = resolve(flags.estate);
    return wrap({ provider: 'lab', estate: basename(estate) }, dirname(estate), deployment);
  }
  if (provider !== 'windows') throw usage(`--provider must be lab or windows, got ${JSON.stringify(provider)}`);
  const connection: ConnectionSpec = {
    provider: 'windows',
    ...(flags.transport !== undefined ? { transport: parseTransport(flags.transport) } : {}),
    ...(flags.user !== undefined ? { user: flags.user } : {}),
    ...(flags.passwordEnv !== undefined ? { password: { env: flags.passwordEnv } } : {}),
    ...(flags.keyFile !== undefined ? { keyFile: flags.keyFile } : {}),
    ...(flags.knownHostsFile !== undefined ? { knownHostsFile: flags.knownHostsFile } : {}),
    ...(flags.port !== undefined ? { port: parseWhole('--port', flags.port, 1, 65535) } : {}),
    ...(flags.timeoutSeconds !== undefined ? { timeoutSeconds: parseWhole('--timeout-seconds', flags.timeoutSeconds, 1, 86400) } : {}),
    ...(flags.gpoManagementHost !== undefined ? { gpoManagementHost: flags.gpoManagementHost } : {}),
  };
  return wrap(connection, process.cwd(), deployment);
}

function wrap(connection: ConnectionSpec, directory: string, deployment: string): LoadedSpec {
  return {
    file: SOURCE,
    directory,
    spec: { apiVersion: 'rdsctl/v1', deployment, connection },
    locate: () => ({ file: SOURCE, line: 1, column: 1 }),
  };
}

function parseTransport(value: string): TransportName {
  if (value === 'ssh' || value === 'psrp-ssh' || value === 'winrm' || value === 'local') return value;
  throw usage(`--transport must be ssh, psrp-ssh, winrm or local, got ${JSON.stringify(value)}`);
}

function parseWhole(flag: string, value: string, min: number, max: number): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) throw usage(`${flag} expects a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  return parsed;
}

function usage(message: string): RdsctlError {
  return new RdsctlError({ code: 'USAGE', kind: 'user', message });
}
