/**
 * Writers of one doctor history file running at once as separate processes (the built module in
 * dist/ and the built CLI, so run `npm run build` first): every sample each of them recorded is
 * in the file, although almost every write also rewrites the file to thin it, and nothing is left
 * behind.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { copyExample, runCli } from './support/run-cli.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULE = path.join(REPO_ROOT, 'dist', 'doctor', 'history-file.js');
const NOW = Date.parse('2026-12-03T12:00:00.000Z');
const DAY = 86_400_000;
const WRITERS = 4;
const RUNS = 15;

/**
 * Writer `w` records, per run j (numbered across writers), a recent sample, which thinning keeps,
 * and a sample 30 to 34 days old on one of five days: each such day keeps only its latest, so
 * every old sample makes the writer rewrite the file.
 */
const WRITER = `
const { recordHistory } = await import(process.env.HISTORY_MODULE);
const [file, writer, runs, now] = process.argv.slice(1);
for (let run = 0; run < Number(runs); run += 1) {
  const j = Number(writer) * Number(runs) + run;
  const pools = { 'lic01|perUser|7': { issued: j, total: 1000 } };
  await recordHistory(file, { time: new Date(Number(now) - j * 1000).toISOString(), pools }, { now: new Date(Number(now)).toISOString() });
  await recordHistory(file, { time: new Date(Number(now) - 30 * ${DAY} - (j % 5) * ${DAY} - j * 1000).toISOString(), pools }, { now: new Date(Number(now)).toISOString() });
}
`;

function runWriter(file: string, writer: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', WRITER, file, String(writer), String(RUNS), String(NOW)], { env: { ...process.env, HISTORY_MODULE: pathToFileURL(MODULE).href }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the doctor history file with concurrent writers', () => {
  it('loses no sample while writers append and rewrite at once, and leaves only the history behind', async () => {
    expect(existsSync(MODULE), `${MODULE} is missing: run npm run build first`).toBe(true);
    const directory = mkdtempSync(path.join(tmpdir(), 'rdsctl-history-race-'));
    const file = path.join(directory, 'history.jsonl');
    const results = await Promise.all(Array.from({ length: WRITERS }, (_, writer) => runWriter(file, writer)));
    expect(results).toEqual(Array.from({ length: WRITERS }, () => ({ code: 0, stderr: '' })));

    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    const times = lines.map((line) => {
      const value = JSON.parse(line) as { formatVersion: number; time: string };
      expect(value.formatVersion).toBe(1);
      return value.time;
    });
    const all = WRITERS * RUNS;
    const recent = Array.from({ length: all }, (_, j) => new Date(NOW - j * 1000).toISOString());
    // Of each old day, its latest sample: runs 0 to 4.
    const old = Array.from({ length: 5 }, (_, j) => new Date(NOW - 30 * DAY - j * DAY - j * 1000).toISOString());
    expect([...times].sort()).toEqual([...recent, ...old].sort());
    expect(times).toEqual([...times].sort());
    expect(readdirSync(directory)).toEqual(['history.jsonl']);
  }, 120_000);

  it('keeps every run of four rdsctl doctor processes started at once, while the first one thins what an older run left', async () => {
    const directory = copyExample('contoso');
    const file = path.join(directory, 'history.jsonl');
    const old = (time: string): string => JSON.stringify({ time, pools: { 'lic01.corp.contoso.com|perUser|7': { issued: 30, total: 200 } } });
    const day = new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10);
    // Two samples of one day a month ago: whichever run writes first keeps only the later one.
    writeFileSync(file, `${old(`${day}T10:00:00.000Z`)}\n${old(`${day}T11:00:00.000Z`)}\n`);
    const runs = await Promise.all(Array.from({ length: 4 }, () => runCli(['doctor', '-f', 'rds.yaml', '--history', file, '--format', 'json'], { cwd: directory })));
    expect(runs.map((run) => run.stderr.includes('Error'))).toEqual([false, false, false, false]);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { formatVersion?: number; time: string; pools: Record<string, { issued: number }> });
    expect(lines.map((line) => line.time.slice(0, 10) === day ? line.time : 'this run')).toEqual([`${day}T11:00:00.000Z`, 'this run', 'this run', 'this run', 'this run']);
    expect(lines.slice(1).map((line) => [line.formatVersion, line.pools['lic01.corp.contoso.com|perUser|7']!.issued])).toEqual([[1, 143], [1, 143], [1, 143], [1, 143]]);
    expect(readdirSync(directory).filter((name) => name.startsWith('history.jsonl'))).toEqual(['history.jsonl']);
  }, 120_000);
});
