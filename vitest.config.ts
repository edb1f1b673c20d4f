import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Vitest's default (one fewer than the cores) runs the suite serially on a two-core CI
    // runner, while most of the slow files wait on child processes (pwsh, sshd, the CLI) rather
    // than burn a core; two files at a time halves the wall time there.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
