/**
 * Runs rdsctl as a whole process with its stdout on a pipe this process drains (as a terminal or
 * CI log would) and reports its peak RSS (written at exit by the `report-rss.cjs` preload), the
 * bytes it printed, its exit code and wall time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, REPORT_RSS } from './cli-paths.js';

export interface MeasuredRun {
  status: number;
  rssKb: number;
  stdoutBytes: number;
  /** The last 4 KB of stderr, to explain an unexpected exit. */
  stderr: string;
  ms: number;
}

export function runCliMeasured(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<MeasuredRun> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-rss-'));
  const rssFile = path.join(scratch, 'rss');
  const started = performance.now();
  return new Promise<MeasuredRun>((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REPORT_RSS, CLI, ...args], {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env, NO_COLOR: '1', BENCH_RSS_FILE: rssFile },
    });
    let stdoutBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = `${stderr}${chunk.toString('utf8')}`.slice(-4096);
    });
    child.on('error', reject);
    child.on('close', (status) => {
      try {
        resolve({ status: status ?? -1, rssKb: Number(readFileSync(rssFile, 'utf8')), stdoutBytes, stderr, ms: performance.now() - started });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  });
}
