/** The transport a connection names: plain OpenSSH (`ssh`, the default) or the PowerShell runner. */
import * as path from 'node:path';
import { createPowerShellTransport } from '../../transport/create-powershell-transport.js';
import { createSshTransport } from '../../transport/create-ssh-transport.js';
import type { PowerShellCommand } from '../../transport/find-powershell.js';
import { buildHostScript } from '../../transport/host-script.js';
import { buildRemoteCommandLine } from '../../transport/ssh-command-line.js';
import type { Transport } from '../../transport/transport.js';
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
  const commandLines = new Map<string, string>();
  const commandLine = (remotePowerShell: string): string => {
    let line = commandLines.get(remotePowerShell);
    if (line === undefined) {
      line = buildRemoteCommandLine({ remotePowerShell, bootstrapFile: options.files.sshBootstrap });
      commandLines.set(remotePowerShell, line);
    }
    return line;
  };
  // Built now for the connection's default, so a bad one fails before any host is contacted.
  commandLine(connection.remotePowerShell ?? DEFAULT_REMOTE_POWERSHELL);
  return createSshTransport({
    commandLine: (remotePowerShell) => commandLine(remotePowerShell ?? connection.remotePowerShell ?? DEFAULT_REMOTE_POWERSHELL),
    hostScript: () => (hostScript ??= buildHostScript(path.dirname(options.files.runnerScript))),
    connectTimeoutSeconds: connection.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS,
    ...(environment ? { env: environment } : {}),
  });
}
