/**
 * `bench-cli`: a whole `rdsctl plan` process over a generated lab estate, against a node process
 * that only reads and `JSON.parse`s the same estate file: what rdsctl costs beyond reading its
 * input (target ratio at most 3.0). Run at 10,000 session hosts and at the 100,000-host estate
 * (100,020 hosts with its licence servers), with the plan process's peak RSS (target under
 * 500 MB). Median of a few runs; the two processes alternate.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, REPORT_RSS } from './cli-paths.js';
import { generateEstate } from './generate-estate.js';

interface Run {
  ms: number;
  rssMb: number;
}

function runNode(args: readonly string[], cwd: string, rssFile: string): Run {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['-r', REPORT_RSS, ...args], { cwd, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1', BENCH_RSS_FILE: rssFile } });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${String(result.status)}`);
  return { ms, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function measure(hosts: number, runs: number): Promise<string> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-bench-cli-'));
  try {
    const { specFile, estateFile } = await generateEstate(directory, { hosts, pools: 50, servers: 20 });
    const rssFile = path.join(directory, 'rss');
    const plan: Run[] = [];
    const floor: Run[] = [];
    for (let run = 0; run < runs; run += 1) {
      floor.push(runNode(['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(estateFile)}, 'utf8'))`], directory, rssFile));
      plan.push(runNode([CLI, 'plan', '-f', specFile], directory, rssFile));
    }
    const planMs = median(plan.map((r) => r.ms));
    const floorMs = median(floor.map((r) => r.ms));
    const total = (JSON.parse(readFileSync(estateFile, 'utf8')) as { hosts: unknown[] }).hosts.length;
    const rss = Math.round(Math.max(...plan.map((r) => r.rssMb)));
    return `bench-cli: hosts=${hosts} estate_hosts=${total} plan_ms=${Math.round(planMs)} json_floor_ms=${Math.round(floorMs)} ratio=${(planMs / floorMs).toFixed(2)} peak_rss_mb=${rss} (targets: ratio at most 3.0, peak RSS under 500 MB)`;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const sizes = (process.env['BENCH_CLI_HOSTS'] ?? '10000,100000').split(',').map(Number);
for (const hosts of sizes) console.log(await measure(hosts, hosts >= 100_000 ? 3 : 5));
