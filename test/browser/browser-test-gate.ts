/**
 * Decides whether the report's browser tests can run: they need Debian's Chromium at
 * /usr/bin/chromium (or RDSCTL_CHROMIUM). Without it they are skipped with ONE line saying how to
 * provision it; with CI=true a missing Chromium fails them instead.
 */
import { accessSync, constants } from 'node:fs';
import { describe, it } from 'vitest';

export const PROVISION_BROWSER_COMMAND = 'bash scripts/provision-browser-tests.sh';

export const chromiumPath = process.env.RDSCTL_CHROMIUM ?? '/usr/bin/chromium';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `describe` for a browser suite: runs, skips with one line, or fails under CI=true. */
export function describeInBrowser(suite: string, body: () => void): void {
  if (isExecutable(chromiumPath)) {
    describe(suite, body);
    return;
  }
  const line = `Chromium not found at ${chromiumPath}; provision it with: ${PROVISION_BROWSER_COMMAND}`;
  if (process.env.CI === 'true') {
    describe(suite, () => {
      it('has Chromium (required when CI=true)', () => {
        throw new Error(line);
      });
    });
    return;
  }
  console.warn(`!!! BROWSER TESTS SKIPPED (${suite} did not run): ${line}`);
  describe.skip(suite, body);
}
