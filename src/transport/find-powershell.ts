/**
 * Finds the PowerShell executable rdsctl runs its scripts with: `pwsh` (PowerShell 7) on PATH or
 * in ~/.dotnet/tools (where `dotnet tool install --global PowerShell` puts it), else Windows
 * PowerShell (`powershell.exe`) on Windows. `RDSCTL_POWERSHELL` names one explicitly.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { RdsctlError } from '../model/rdsctl-error.js';

export interface PowerShellCommand {
  file: string;
  /** `core` is PowerShell 7 (pwsh); `desktop` is Windows PowerShell 5.1, which has no SSH remoting. */
  edition: 'core' | 'desktop';
}

export interface FindPowerShellOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  homeDirectory?: string;
}

export const INSTALL_POWERSHELL_HINT =
  'Install PowerShell 7, for example with `dotnet tool install --global PowerShell`, or see ' +
  'https://learn.microsoft.com/powershell/scripting/install/installing-powershell; ' +
  'or set RDSCTL_POWERSHELL to the pwsh executable.';

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function findOnPath(names: readonly string[], env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<string | undefined> {
  const separator = platform === 'win32' ? ';' : ':';
  const directories = (env.PATH ?? env.Path ?? '').split(separator).filter(Boolean);
  for (const directory of directories) {
    for (const name of names) {
      const candidate = path.join(directory, name);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function editionOf(file: string): PowerShellCommand['edition'] {
  return /(^|[\\/])powershell(\.exe)?$/i.test(file) ? 'desktop' : 'core';
}

export async function findPowerShell(options: FindPowerShellOptions = {}): Promise<PowerShellCommand> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const explicit = env.RDSCTL_POWERSHELL;
  if (explicit) {
    if (await isExecutable(explicit)) return { file: explicit, edition: editionOf(explicit) };
    throw new RdsctlError({
      code: 'PROVIDER_UNAVAILABLE',
      kind: 'environment',
      message: `RDSCTL_POWERSHELL points at ${explicit}, which is not an executable file`,
      hint: INSTALL_POWERSHELL_HINT,
    });
  }
  const pwshNames = platform === 'win32' ? ['pwsh.exe'] : ['pwsh'];
  const onPath = await findOnPath(pwshNames, env, platform);
  if (onPath) return { file: onPath, edition: 'core' };
  const dotnetTool = path.join(options.homeDirectory ?? homedir(), '.dotnet', 'tools', pwshNames[0] ?? 'pwsh');
  if (await isExecutable(dotnetTool)) return { file: dotnetTool, edition: 'core' };
  if (platform === 'win32') {
    const windowsPowerShell = await findOnPath(['powershell.exe'], env, platform);
    if (windowsPowerShell) return { file: windowsPowerShell, edition: 'desktop' };
  }
  throw new RdsctlError({
    code: 'PROVIDER_UNAVAILABLE',
    kind: 'environment',
    message: 'the windows provider needs PowerShell, and neither pwsh nor powershell.exe was found',
    hint: INSTALL_POWERSHELL_HINT,
  });
}
