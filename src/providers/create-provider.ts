/**
 * Chooses the provider the spec's connection names. The windows provider is loaded lazily so
 * a lab run never loads the process-running machinery.
 */
import type { LoadedSpec } from '../spec/loaded-spec.js';
import { poolBroker } from '../model/configured-by.js';
import type { Spec } from '../model/spec.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import type { Provider } from './provider.js';

export async function createProvider(loaded: LoadedSpec, parallelism: number): Promise<Provider> {
  const { connection, deployment } = loaded.spec;
  if (connection.provider === 'lab') {
    if (connection.estate === undefined) {
      throw new RdsctlError({ code: 'SPEC_INVALID', kind: 'user', message: `${loaded.file}: connection.estate is required for the lab provider` });
    }
    const { createLabProvider } = await import('./lab/create-lab-provider.js');
    return createLabProvider({ specDirectory: loaded.directory, deployment, estate: connection.estate });
  }
  const { createWindowsProvider } = await import('./windows/create-windows-provider.js');
  const { remotePowerShellByHost } = await import('./windows/remote-powershell-by-host.js');
  const { lockHostOf } = await import('./windows/lock-host.js');
  const lockHost = lockHostOf(loaded.spec);
  return createWindowsProvider({
    connection,
    specDirectory: loaded.directory,
    parallelism,
    remotePowerShellByHost: remotePowerShellByHost(loaded.spec),
    readComputerAccounts: loaded.spec.reclaim?.disabledInDirectory === true,
    ...(lockHost ? { lock: { deployment, host: lockHost } } : {}),
    connectionBrokers: connectionBrokersOf(loaded.spec),
  });
}

/** The RD Connection Brokers the spec's pools name: the provider reads their deployment licensing. */
function connectionBrokersOf(spec: Spec): string[] {
  return [...new Set((spec.sessionHostPools ?? []).flatMap((pool) => {
    const broker = poolBroker(pool);
    return broker ? [broker.broker] : [];
  }))];
}
