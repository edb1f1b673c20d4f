/// <reference lib="dom" />
/**
 * `npm run bench:report`: `rdsctl report` over the generated 10,000-host lab estate (20 licence
 * servers, 50 pools) with 90 days of doctor history, as a whole process. Prints the time to make
 * the HTML report (target under 5 s), its size (under 5 MB) and how long headless Chromium takes
 * to reach the page's load event (under 3 s). Median of several runs each. make_cpu_ms is the
 * report process's CPU time (Linux /proc), the figure to compare on a busy machine. The history is
 * kept as doctor keeps it; BENCH_REPORT_UNTHINNED=1 measures a history written before doctor thinned it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { createHistoryEntry } from '../src/doctor/history-file.js';
import { formatHistoryLine } from '../src/doctor/history-line.js';
import { thinHistory, type HistorySample } from '../src/doctor/thin-history.js';
import type { LiveState } from '../src/model/live-state.js';
import { generateEstate } from './generate-estate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin', 'rdsctl.js');
const HOSTS = 10_000;
const DAYS = 90;
const RUNS = Number(process.env['BENCH_REPORT_RUNS'] ?? 3);
const DAY_MS = 86_400_000;
const CHROMIUM = process.env['RDSCTL_CHROMIUM'] ?? '/usr/bin/chromium';

const median = (values: number[]): number => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number);

/**
 * 90 daily doctor runs before now, each pool issuing a few CALs a day up to today's count, kept as
 * doctor keeps them (`thinHistory`: grace days only on the newest sample).
 * BENCH_REPORT_UNTHINNED=1 writes every line with all 10,000 hosts' grace days instead (37 MB),
 * the shape of a history written before doctor thinned it.
 */
function writeHistory(estateFile: string, file: string): void {
  const live = JSON.parse(readFileSync(estateFile, 'utf8')) as LiveState;
  const now = Date.now();
  const today = createHistoryEntry(live, new Date(now).toISOString());
  const samples: HistorySample[] = [];
  for (let day = DAYS; day >= 1; day -= 1) {
    const pools = Object.fromEntries(Object.entries(today.pools).map(([key, pool], index) => [key, { issued: Math.max(0, pool.issued - Math.round((day * (index % 4)) / 3)), total: pool.total }]));
    const entry = { ...today, time: new Date(now - day * DAY_MS).toISOString(), pools };
    samples.push({ time: Date.parse(entry.time), text: formatHistoryLine(entry), entry });
  }
  const kept = process.env['BENCH_REPORT_UNTHINNED'] === '1' ? samples : thinHistory(samples, { now: now - DAY_MS });
  writeFileSync(file, kept.map((sample) => `${sample.text}\n`).join(''));
}

/** CPU time of reaped child processes, from /proc (Linux): on a shared machine wall time alone says more about the neighbours. */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
}

function makeReport(directory: string, specFile: string, history: string, out: string): { wall: number; cpu: number } {
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, 'report', '-f', specFile, '--history', history, '--out', out], { cwd: directory, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`rdsctl report exited ${String(result.status)}: ${result.stderr.toString()}`);
  return { wall: elapsed, cpu: childrenCpuMs() - cpuBefore };
}

async function timeLoadEvent(file: string): Promise<number[]> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      times.push(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart));
      await page.close();
    }
    return times;
  } finally {
    await browser.close();
  }
}

const directory = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-report-bench-'));
try {
  const { specFile, estateFile } = await generateEstate(directory, { hosts: HOSTS, pools: 50, servers: 20 });
  const history = path.join(directory, 'history.jsonl');
  writeHistory(estateFile, history);
  const out = path.join(directory, 'report.html');
  const make: { wall: number; cpu: number }[] = [];
  for (let run = 0; run < RUNS; run += 1) make.push(makeReport(directory, specFile, history, out));
  const bytes = statSync(out).size;
  const load = await timeLoadEvent(out);
  console.log(`bench-report-detail: make_cpu_ms=${median(make.map((run) => run.cpu))} history_mb=${(statSync(history).size / 1e6).toFixed(1)} days=${DAYS} runs=${RUNS} load_avg=${os.loadavg()[0]!.toFixed(1)} (targets: make_ms under 5000, size_mb under 5, load_ms under 3000)`);
  console.log(`bench-report: hosts=${HOSTS} make_ms=${median(make.map((run) => run.wall))} size_mb=${(bytes / 1e6).toFixed(2)} load_ms=${median(load)}`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
