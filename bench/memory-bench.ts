/**
 * `npm run bench:memory`: peak RSS of whole `rdsctl` processes at the host cap, one line per
 * output, against the 500 MB target:
 *
 * - plan (text, `--json`, `--format markdown`, `--out FILE`), `show FILE` (text, `--json`),
 *   doctor (text, `--json`, `--format sarif`, `--out FILE`) and report (html, json) on the
 *   100,000-host estate (100,020 hosts with its licence servers) where 50,000 hosts drift each
 *   in their own way, so no grouping folds them: the worst case the limits allow;
 * - `apply --json --auto-approve` on a 50,000-host estate with the generator's ordinary drift
 *   (about 1,260 changes), from a fresh live copy (`lab reset`) each time.
 *
 * Each line also gives the output's size, so a change that shrinks memory by printing less
 * shows, and the wall time. A first, unmeasured plan makes the lab provider's live copy of each
 * estate (`.rdsctl/lab/`), a one-time cost of the lab, not of any output, and the saved plan
 * that `show` reads.
 * BENCH_MEMORY_ONLY=plan,show (a comma list of commands) measures only those;
 * BENCH_MEMORY_HOSTS, BENCH_MEMORY_DISTINCT and BENCH_MEMORY_APPLY_HOSTS change the estates.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateEstate } from './generate-estate.js';
import { runCliMeasured } from './run-cli-measured.js';

interface Output {
  command: string;
  format: string;
  args: (spec: string, directory: string) => string[];
  /** Exit codes that mean the command did its work: doctor exits 4 with findings, apply 5 with refusals. */
  exits: readonly number[];
  /** The file the output goes to instead of stdout. */
  file?: string;
}

const CAP_OUTPUTS: readonly Output[] = [
  { command: 'plan', format: 'text', args: (spec) => ['plan', '-f', spec], exits: [0] },
  { command: 'plan', format: 'json', args: (spec) => ['plan', '-f', spec, '--json'], exits: [0] },
  { command: 'plan', format: 'markdown', args: (spec) => ['plan', '-f', spec, '--format', 'markdown'], exits: [0] },
  { command: 'plan', format: 'out', args: (spec, dir) => ['plan', '-f', spec, '--out', path.join(dir, 'plan.json')], exits: [0], file: 'plan.json' },
  { command: 'show', format: 'text', args: (_spec, dir) => ['show', path.join(dir, 'plan.json')], exits: [0] },
  { command: 'show', format: 'json', args: (_spec, dir) => ['show', path.join(dir, 'plan.json'), '--json'], exits: [0] },
  { command: 'doctor', format: 'text', args: (spec) => ['doctor', '-f', spec], exits: [0, 4] },
  { command: 'doctor', format: 'json', args: (spec) => ['doctor', '-f', spec, '--json'], exits: [0, 4] },
  { command: 'doctor', format: 'sarif', args: (spec) => ['doctor', '-f', spec, '--format', 'sarif'], exits: [0, 4] },
  { command: 'doctor', format: 'out', args: (spec, dir) => ['doctor', '-f', spec, '--json', '--out', path.join(dir, 'doctor.json')], exits: [0, 4], file: 'doctor.json' },
  { command: 'report', format: 'html', args: (spec, dir) => ['report', '-f', spec, '--out', path.join(dir, 'report.html')], exits: [0], file: 'report.html' },
  { command: 'report', format: 'json', args: (spec) => ['report', '-f', spec, '--format', 'json'], exits: [0] },
];

const APPLY_OUTPUTS: readonly Output[] = [{ command: 'apply', format: 'json', args: (spec) => ['apply', '-f', spec, '--json', '--auto-approve'], exits: [0, 5] }];

const only = process.env['BENCH_MEMORY_ONLY']?.split(',').filter((name) => name !== '');
const selected = (outputs: readonly Output[]): Output[] => outputs.filter((output) => only === undefined || only.includes(output.command));

async function measureEstate(hosts: number, distinct: number, outputs: readonly Output[], freshEachRun: boolean): Promise<void> {
  if (outputs.length === 0) return;
  const directory = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-bench-memory-'));
  try {
    const { specFile, estateFile } = await generateEstate(directory, { hosts, pools: 50, servers: 20, distinctDrifts: distinct });
    const total = (JSON.parse(readFileSync(estateFile, 'utf8')) as { hosts: unknown[] }).hosts.length;
    // A long lease: on a loaded machine the lease keeper's renewal can meet apply's own renewal
    // (which records the plan digest) and the second is taken for a takeover (LOCK_LOST).
    const env = { BENCH_EA: '1234567', RDSCTL_LOCK_LEASE: '600s' };
    // Also writes the saved plan that `show` reads, so show can be measured without plan.
    await runCliMeasured(['plan', '-f', specFile, '--out', path.join(directory, 'plan.json')], { cwd: directory, env });
    for (const output of outputs) {
      if (freshEachRun) await runCliMeasured(['lab', 'reset', '-f', specFile], { cwd: directory, env });
      const run = await runCliMeasured(output.args(specFile, directory), { cwd: directory, env });
      if (!output.exits.includes(run.status)) throw new Error(`rdsctl ${output.args(specFile, directory).join(' ')} exited ${run.status}: ${run.stderr}`);
      const bytes = output.file === undefined ? run.stdoutBytes : statSync(path.join(directory, output.file)).size;
      console.log(
        `bench-memory: hosts=${total} distinct=${distinct} command=${output.command} format=${output.format} rss_mb=${Math.round(run.rssKb / 1024)} out_mb=${(bytes / 1e6).toFixed(1)} seconds=${(run.ms / 1000).toFixed(1)}`,
      );
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const hosts = Number(process.env['BENCH_MEMORY_HOSTS'] ?? 100_000);
const distinct = Number(process.env['BENCH_MEMORY_DISTINCT'] ?? 50_000);
const applyHosts = Number(process.env['BENCH_MEMORY_APPLY_HOSTS'] ?? 50_000);
await measureEstate(hosts, distinct, selected(CAP_OUTPUTS), false);
await measureEstate(applyHosts, 0, selected(APPLY_OUTPUTS), true);
console.log('bench-memory: target rss_mb under 500 for every output');
