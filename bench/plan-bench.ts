/**
 * `npm run bench`: a full plan over a generated 10,000-host lab estate (20 licence servers,
 * 50 pools). engine_ms is everything except reading the estate: spec validation, expansion,
 * diff, planning and rendering; the median of several runs. Each size runs in its own
 * process so peak RSS belongs to that size alone. A 20,000-host run checks that doubling the
 * hosts at most doubles engine_ms.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlan } from '../src/engine/build-plan.js';
import { expandSpec } from '../src/engine/expand-spec.js';
import { gatherLiveState } from '../src/engine/gather.js';
import { createProvider } from '../src/providers/create-provider.js';
import { renderPlanText } from '../src/render/render-plan-text.js';
import { loadSpec } from '../src/spec/load-spec.js';
import { generateEstate } from './generate-estate.js';

interface Measurement {
  hosts: number;
  total_ms: number;
  engine_ms: number;
  read_ms: number;
  peak_rss_mb: number;
  changes: number;
}

const RUNS = 5;

async function measure(hosts: number): Promise<Measurement> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-bench-'));
  try {
    const { specFile } = await generateEstate(directory, { hosts, pools: 50, servers: 20 });
    const runs: { total: number; engine: number; read: number; changes: number }[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const started = performance.now();
      const loaded = await loadSpec(specFile);
      const desired = expandSpec(loaded);
      const provider = await createProvider(loaded, 10);
      const readStarted = performance.now();
      const live = await gatherLiveState(provider, desired, { parallelism: 10 });
      const read = performance.now() - readStarted;
      const plan = buildPlan({ desired, live, provider: provider.name });
      const text = renderPlanText(plan, { color: false });
      const total = performance.now() - started;
      if (text.length === 0) throw new Error('empty rendering');
      runs.push({ total, engine: total - read, read, changes: plan.changes.length });
    }
    const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    return {
      hosts,
      total_ms: Math.round(median(runs.map((r) => r.total))),
      engine_ms: Math.round(median(runs.map((r) => r.engine))),
      read_ms: Math.round(median(runs.map((r) => r.read))),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      changes: runs[0]?.changes ?? 0,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function runChild(hosts: number): Measurement {
  const script = fileURLToPath(import.meta.url);
  const output = execFileSync(process.execPath, [script, '--child', String(hosts)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split('\n').at(-1) as string) as Measurement;
}

function line(prefix: string, m: Measurement): string {
  return `${prefix}: hosts=${m.hosts} total_ms=${m.total_ms} engine_ms=${m.engine_ms} peak_rss_mb=${m.peak_rss_mb}`;
}

if (process.argv[2] === '--child') {
  const result = await measure(Number(process.argv[3]));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const double = runChild(20_000);
  const base = runChild(10_000);
  console.log(`bench-detail: hosts=${base.hosts} read_ms=${base.read_ms} changes=${base.changes}`);
  console.log(line('bench-20k', double));
  console.log(`bench-scaling: engine_ms x${(double.engine_ms / Math.max(1, base.engine_ms)).toFixed(2)} when hosts double (target at most x2)`);
  console.log(line('bench', base));
}
