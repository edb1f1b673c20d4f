/**
 * Decides whether the suites that need PowerShell (and sshd) can run. On a machine without
 * them they are skipped with ONE loud line naming the skipped suites and the provisioning
 * command; with CI=true a missing tool fails those suites instead.
 */
import { constants, accessSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'vitest';
import { findPowerShell } from '../../src/transport/find-powershell.js';

export type WindowsTestNeed = 'pwsh' | 'sshd';

/** Every suite gated here, with what it needs: the skip line names them all. */
export const WINDOWS_SUITES: Readonly<Record<string, readonly WindowsTestNeed[]>> = {
  'ps-syntax': ['pwsh'],
  'fan-out-runner': ['pwsh'],
  'fan-out-winrm': ['pwsh'],
  'windows-read': ['pwsh'],
  'windows-read-evidence': ['pwsh'],
  'windows-read-issued-licenses': ['pwsh'],
  'windows-read-per-user-report': ['pwsh'],
  'windows-apply': ['pwsh'],
  'windows-policy-reach': ['pwsh'],
  'windows-apply-directory': ['pwsh'],
  'windows-injection': ['pwsh'],
  'windows-check': ['pwsh'],
  'windows-apply-lock': ['pwsh'],
  'transport-scenarios': ['pwsh', 'sshd'],
  'cli-over-ssh': ['pwsh', 'sshd'],
  'cli-export-over-ssh': ['pwsh', 'sshd'],
  'cli-interrupt-over-ssh': ['pwsh', 'sshd'],
  'cli-lock-over-ssh': ['pwsh', 'sshd'],
  'ssh-exec': ['pwsh', 'sshd'],
  'ssh-exec-shells': ['pwsh', 'sshd'],
  'ssh-exec-config': ['pwsh', 'sshd'],
};

export const PROVISION_COMMAND = 'bash scripts/provision-windows-tests.sh';

export interface WindowsTestTools {
  pwsh?: string;
  sshd?: string;
}

function findExecutable(candidates: readonly string[]): string | undefined {
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

async function detectTools(): Promise<WindowsTestTools> {
  const pwsh = await findPowerShell().then((found) => (found.edition === 'core' ? found.file : undefined), () => undefined);
  const pathDirectories = (process.env.PATH ?? '').split(':').filter(Boolean);
  const sshd = findExecutable(['/usr/sbin/sshd', ...pathDirectories.map((d) => path.join(d, 'sshd'))]);
  const ssh = findExecutable(['/usr/bin/ssh', ...pathDirectories.map((d) => path.join(d, 'ssh'))]);
  return { pwsh, sshd: sshd && ssh ? sshd : undefined };
}

export const windowsTestTools: WindowsTestTools = await detectTools();

function missingNeeds(needs: readonly WindowsTestNeed[]): WindowsTestNeed[] {
  return needs.filter((need) => !windowsTestTools[need]);
}

function announceSkipOnce(): void {
  const skipped = Object.entries(WINDOWS_SUITES).filter(([, needs]) => missingNeeds(needs).length > 0);
  const marker = path.join(os.tmpdir(), `rdsctl-windows-gate-${process.ppid}`);
  try {
    writeFileSync(marker, '', { flag: 'wx' });
  } catch {
    return;
  }
  const missing = [...new Set(skipped.flatMap(([, needs]) => missingNeeds(needs)))].join(' and ');
  console.warn(
    `!!! WINDOWS TESTS SKIPPED (${missing} not found): ${skipped.map(([name]) => name).join(', ')} did not run. ` +
      `Provision them with: ${PROVISION_COMMAND}`,
  );
}

/** `describe` for a suite in WINDOWS_SUITES: runs, skips loudly, or fails under CI=true. */
export function describeWindows(suite: keyof typeof WINDOWS_SUITES & string, body: (tools: Required<WindowsTestTools>) => void): void {
  const missing = missingNeeds(WINDOWS_SUITES[suite] ?? []);
  if (missing.length === 0) {
    describe(suite, () => body(windowsTestTools as Required<WindowsTestTools>));
    return;
  }
  if (process.env.CI === 'true') {
    describe(suite, () => {
      it(`has ${missing.join(' and ')} (required when CI=true)`, () => {
        throw new Error(`${missing.join(' and ')} not found; CI must provision them with: ${PROVISION_COMMAND}`);
      });
    });
    return;
  }
  announceSkipOnce();
  describe.skip(suite, () => body(windowsTestTools as Required<WindowsTestTools>));
}
