/** Where the installed package keeps the host scripts and the live-state schema. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RdsctlError } from '../../model/rdsctl-error.js';

export interface WindowsProviderFiles {
  runnerScript: string;
  liveStateSchema: string;
  /** The ssh transport's fixed bootstrap (providers/ssh/bootstrap.ps1). */
  sshBootstrap: string;
}

/** Walks up from this module (src/ or dist/) to the directory holding providers/windows. */
export function locateWindowsFiles(start: string = path.dirname(fileURLToPath(import.meta.url))): WindowsProviderFiles {
  let directory = start;
  for (;;) {
    const runnerScript = path.join(directory, 'providers', 'windows', 'rdsctl-fan-out.ps1');
    if (existsSync(runnerScript)) {
      return {
        runnerScript,
        liveStateSchema: path.join(directory, 'schemas', 'live-state.schema.json'),
        sshBootstrap: path.join(directory, 'providers', 'ssh', 'bootstrap.ps1'),
      };
    }
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new RdsctlError({
        code: 'INTERNAL',
        kind: 'internal',
        message: 'the Windows host scripts (providers/windows/rdsctl-fan-out.ps1) are missing from this installation',
      });
    }
    directory = parent;
  }
}
