/** What every windows-provider call needs, prepared once: PowerShell, files, validators, timeouts. */
import type { ConnectionSpec } from '../../model/spec.js';
import { findPowerShell, type PowerShellCommand } from '../../transport/find-powershell.js';
import type { Transport } from '../../transport/transport.js';
import type { WindowsLockPlace } from './lock-host.js';
import { selectTransport } from './select-transport.js';
import { createKnownSessionHosts, type KnownSessionHosts } from './known-session-hosts.js';
import { locateWindowsFiles, type WindowsProviderFiles } from './locate-windows-files.js';
import { loadHostOutputValidators, type HostOutputValidators } from './validate-host-output.js';

export interface WindowsProviderOptions {
  connection: ConnectionSpec;
  /** Directory of the spec file: relative key, known_hosts and secret files resolve from it. */
  specDirectory: string;
  parallelism: number;
  /** Extra environment for the local PowerShell process (e.g. a module path). */
  environment?: Readonly<Record<string, string>>;
  /** Use this PowerShell instead of discovering one. */
  powershell?: PowerShellCommand;
  /** ssh transport: licence servers' and pools' own remotePowerShell, by canonical host name (remote-powershell-by-host.ts). */
  remotePowerShellByHost?: ReadonlyMap<string, string>;
  /** Read the Active Directory account of each device holding a per-device CAL (`reclaim.disabledInDirectory`). */
  readComputerAccounts?: boolean;
  /** Where the apply lock lives; without it the provider keeps no lock (callers that never apply). */
  lock?: WindowsLockPlace;
  /** Hosts to read as RD Connection Brokers (the spec's `configuredBy: { broker }`). */
  connectionBrokers?: readonly string[];
}

export interface WindowsProviderContext {
  options: WindowsProviderOptions;
  files: WindowsProviderFiles;
  readTimeoutSeconds: number;
  applyTimeoutSeconds: number;
  /** Session hosts read so far by this provider, for the licence servers' endpoint checks. */
  knownSessionHosts: KnownSessionHosts;
  powershell(): Promise<PowerShellCommand>;
  /** The connection's transport (ssh unless the spec says otherwise), made once. */
  transport(): Transport;
  validators(): HostOutputValidators;
}

export const DEFAULT_READ_TIMEOUT_SECONDS = 60;
export const DEFAULT_APPLY_TIMEOUT_SECONDS = 300;

export function createWindowsProviderContext(options: WindowsProviderOptions): WindowsProviderContext {
  const files = locateWindowsFiles();
  let powershell: Promise<PowerShellCommand> | undefined = options.powershell ? Promise.resolve(options.powershell) : undefined;
  let validators: HostOutputValidators | undefined;
  let transport: Transport | undefined;
  const timeout = options.connection.timeoutSeconds;
  return {
    options,
    files,
    readTimeoutSeconds: timeout ?? DEFAULT_READ_TIMEOUT_SECONDS,
    applyTimeoutSeconds: timeout ?? DEFAULT_APPLY_TIMEOUT_SECONDS,
    knownSessionHosts: createKnownSessionHosts(),
    powershell: () => {
      powershell ??= findPowerShell();
      return powershell;
    },
    transport() {
      transport ??= selectTransport({ options, files, powershell: () => this.powershell() });
      return transport;
    },
    validators: () => {
      validators ??= loadHostOutputValidators();
      return validators;
    },
  };
}

/** Kill the whole run only well after every host had its own chance to time out. */
export function runTimeoutMs(hosts: number, parallelism: number, perHostSeconds: number): number {
  const waves = Math.max(1, Math.ceil(hosts / Math.max(1, parallelism)));
  return (waves * perHostSeconds + 30) * 1000;
}

/**
 * How long a session host may keep starting licence-server probes: a third of its read timeout.
 * Test-NetConnection has no timeout of its own (about 21 s on a port that drops packets), so one
 * probe may run past the budget, and the rest of the read still fits in the timeout.
 */
export function probeBudgetSeconds(readTimeoutSeconds: number): number {
  return Math.floor(readTimeoutSeconds / 3);
}
