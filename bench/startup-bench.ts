/**
 * `bench-startup`: a whole `rdsctl plan` process on the bundled example against a bare
 * `node -e 0`, interleaved, median of several runs each. The ratio is what a user waits for
 * beyond Node.js itself starting (target at most 2.5).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin', 'rdsctl.js');
const RUNS = Number(process.env['BENCH_STARTUP_RUNS'] ?? 9);

function timeProcess(args: readonly string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${String(result.status)}`);
  return elapsed;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const directory = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-bench-startup-'));
try {
  cpSync(path.join(ROOT, 'examples', 'contoso'), directory, { recursive: true, filter: (source) => !source.includes(`${path.sep}.rdsctl`) });
  const plan: number[] = [];
  const node: number[] = [];
  const version: number[] = [];
  timeProcess([CLI, 'plan', '-f', 'rds.yaml'], directory);
  for (let run = 0; run < RUNS; run += 1) {
    node.push(timeProcess(['-e', '0'], directory));
    plan.push(timeProcess([CLI, 'plan', '-f', 'rds.yaml'], directory));
    version.push(timeProcess([CLI, '--version'], directory));
  }
  const planMs = median(plan);
  const nodeMs = median(node);
  console.log(`bench-startup-detail: version_ms=${Math.round(median(version))} runs=${RUNS}`);
  console.log(`bench-startup: plan_small_ms=${Math.round(planMs)} node_ms=${Math.round(nodeMs)} ratio=${(planMs / nodeMs).toFixed(2)} (target at most 2.5)`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
