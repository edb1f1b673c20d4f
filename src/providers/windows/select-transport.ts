/** The transport a connection names: plain OpenSSH (`ssh`, the default) or the PowerShell runner. */
import * as path from 'node:path';
import { createPowerShellTransport } from '../../transport/create-powershell-transport.js';
import { createSshTransport } from '../../transport/create-ssh-transport.js';
import type { PowerShellCommand } from '../../transport/find-powershell.js';
import { buildHostScript } from '../../transport/host-script.js';
import { buildRemoteCommandLine } from '../../transport/ssh-command-line.js';
import type { Transport } from '../../transport/transport.js';
import type { ConnectionSpec } from '../../model/spec.js';
import type { WindowsProviderFiles } from './locate-windows-files.js';
import type { WindowsProviderOptions } from './windows-provider-context.js';

export const DEFAULT_REMOTE_POWERSHELL = 'powershell.exe';
export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

export function selectTransport(options: { options: WindowsProviderOptions; files: WindowsProviderFiles; powershell: () => Promise<PowerShellCommand> }): Transport {
  const { connection, environment } = options.options;
  if ((connection.transport ?? 'ssh') !== 'ssh') {
    return createPowerShellTransport({ powershell: options.powershell, runnerScript: options.files.runnerScript, ...(environment ? { env: environment } : {}) });
  }
  let hostScript: string | undefined;
  const commandLine = createCommandLines(connection, options.files.sshBootstrap);
  // Built now for the connection's default, so a bad one fails before any host is contacted.
  commandLine(undefined);
  return createSshTransport({
    commandLine,
    hostScript: () => (hostScript ??= buildHostScript(path.dirname(options.files.runnerScript))),
    connectTimeoutSeconds: connection.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS,
    ...(environment ? { env: environment } : {}),
  });
}

/** The ssh bootstrap line for a host's remote PowerShell (else the connection's, else powershell.exe), each built once. */
export function createCommandLines(connection: ConnectionSpec, bootstrapFile: string): (remotePowerShell: string | undefined) => string {
  const lines = new Map<string, string>();
  return (remotePowerShell) => {
    const file = remotePowerShell ?? connection.remotePowerShell ?? DEFAULT_REMOTE_POWERSHELL;
    let line = lines.get(file);
    if (line === undefined) {
      line = buildRemoteCommandLine({ remotePowerShell: file, bootstrapFile });
      lines.set(file, line);
    }
    return line;
  };
}
