import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `RDSCTL_TEST_SCOPE=node` (the second Node.js pass of .ci/run) runs every suite once more but
 * the Windows suites listed here, which the first pass runs. What only they exercise is the
 * PowerShell the hosts run (the provider's scripts, the double, the lock and ledger files on
 * the hosts), in the same pwsh under any Node.js; their Node-side code (CLI, engine, provider)
 * runs in this pass through the lab suites and the Windows transport suites. The Windows suites
 * where Node's child processes, streams and signals are what is tested (transports, ssh-exec,
 * interrupts over SSH) stay in. Each pwsh session costs seconds of CPU, and these are most of it.
 */
const WINDOWS_SUITES_RUN_ONCE = [
  'test/windows/windows-*.test.ts',
  'test/windows/ps-syntax.test.ts',
  'test/windows/fan-out-runner.test.ts',
  'test/windows/fan-out-winrm.test.ts',
  'test/windows/cli-over-ssh.test.ts',
  'test/windows/cli-export-over-ssh.test.ts',
  'test/windows/cli-lock-over-ssh.test.ts',
];

const nodeScope = process.env.RDSCTL_TEST_SCOPE === 'node';
if (nodeScope) {
  console.log(`RDSCTL_TEST_SCOPE=node: left out, as the first pass runs them: ${WINDOWS_SUITES_RUN_ONCE.join(', ')}`);
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: nodeScope ? [...configDefaults.exclude, ...WINDOWS_SUITES_RUN_ONCE] : configDefaults.exclude,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Vitest's default (one fewer than the cores) runs the suite serially on a two-core CI
    // runner, while most of the slow files wait on child processes (pwsh, sshd, the CLI) rather
    // than burn a core; two files at a time halves the wall time there.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
