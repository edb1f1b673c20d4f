import { mkdtemp } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPowerShell } from './find-powershell.js';

describe('findPowerShell', () => {
  it('says how to install PowerShell when neither pwsh nor powershell.exe exists', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'rdsctl-nopwsh-'));
    await expect(findPowerShell({ env: { PATH: empty }, platform: 'linux', homeDirectory: empty })).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      kind: 'environment',
      message: 'the windows provider needs PowerShell, and neither pwsh nor powershell.exe was found',
      hint: expect.stringContaining('dotnet tool install --global PowerShell'),
    });
  });
});
