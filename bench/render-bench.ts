/**
 * `bench-render`: peak RSS of whole `rdsctl` processes rendering the worst plan the limits
 * allow: the 100,000-host estate (100,020 hosts with its licence servers) where 50,000 hosts
 * drift each in their own way, so no grouping folds them. One process per output format:
 * plan text, `--json`, `--format markdown`, `plan --out FILE` and `show FILE` (text and
 * `--json`). Target: every one under 500 MB. Also prints each output's size, so a change that
 * shrinks memory by printing less shows. A first, unmeasured plan makes the lab provider's live
 * copy of the estate (`.rdsctl/lab/`), a one-time cost of the lab, not of any renderer.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, REPORT_RSS } from './cli-paths.js';
import { generateEstate } from './generate-estate.js';

interface Run {
  rssMb: number;
  bytes: number;
}

/** Runs rdsctl with its stdout on a pipe this process drains, as a terminal or CI log would. */
function runCli(args: readonly string[], cwd: string, rssFile: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REPORT_RSS, CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, NO_COLOR: '1', BENCH_RSS_FILE: rssFile } });
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    child.on('error', reject);
    child.on('close', (status) => {
      // Exit 2 is --detailed-exitcode's "changes"; plan exits 0 here.
      if (status !== 0) reject(new Error(`rdsctl ${args.join(' ')} exited ${String(status)}`));
      else resolve({ rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024, bytes });
    });
  });
}

const FORMATS: Readonly<Record<string, (spec: string, saved: string) => string[]>> = {
  text: (spec) => ['plan', '-f', spec],
  json: (spec) => ['plan', '-f', spec, '--json'],
  md: (spec) => ['plan', '-f', spec, '--format', 'markdown'],
  out: (spec, saved) => ['plan', '-f', spec, '--out', saved],
  show: (_spec, saved) => ['show', saved],
  show_json: (_spec, saved) => ['show', saved, '--json'],
};

async function measure(hosts: number, distinct: number): Promise<string> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-bench-render-'));
  try {
    const { specFile } = await generateEstate(directory, { hosts, pools: 50, servers: 20, distinctDrifts: distinct });
    const saved = path.join(directory, 'plan.json');
    const rssFile = path.join(directory, 'rss');
    const total = (JSON.parse(readFileSync(path.join(directory, 'estate.json'), 'utf8')) as { hosts: unknown[] }).hosts.length;
    await runCli(['plan', '-f', specFile, '--format', 'markdown'], directory, rssFile);
    const fields: string[] = [];
    const sizes: string[] = [];
    for (const [name, args] of Object.entries(FORMATS)) {
      const run = await runCli(args(specFile, saved), directory, rssFile);
      fields.push(`${name}_rss_mb=${Math.round(run.rssMb)}`);
      sizes.push(`${name}_out_mb=${(run.bytes / 1e6).toFixed(1)}`);
    }
    return `bench-render: hosts=${total} distinct=${distinct} ${fields.join(' ')} (target: each under 500 MB)\nbench-render-detail: ${sizes.join(' ')}`;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const hosts = Number(process.env['BENCH_RENDER_HOSTS'] ?? 100_000);
const distinct = Number(process.env['BENCH_RENDER_DISTINCT'] ?? 50_000);
console.log(await measure(hosts, distinct));
