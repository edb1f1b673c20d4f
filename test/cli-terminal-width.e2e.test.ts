/**
 * Text output fits the width it is given: COLUMNS (or the terminal's width), 100 columns when
 * piped. Only a word that cannot be broken (a resource address, a host name) may overflow.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, copyExample, runCli } from './support/run-cli.js';

function golden(name: string, actual: string): void {
  const file = path.join(REPO_ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

// A line may overflow only with a word that cannot be broken, after a heading's `# ` or a result's symbol.
function overflowing(text: string, width: number): string[] {
  return text.split('\n').filter((line) => line.length > width && line.trim().includes(' ') && !/^ *(?:#|✓|✗|⧗|!|-|…) \S+$/.test(line));
}

describe('rdsctl text output at a terminal width', () => {
  it.each([60, 80, 200])('show, plan and doctor at %i columns', async (width) => {
    const cwd = copyExample('contoso');
    const env = { COLUMNS: String(width) };
    const show = await runCli(['show', '-f', 'rds.yaml'], { cwd, env });
    const plan = await runCli(['plan', '-f', 'rds.yaml'], { cwd, env });
    const doctor = await runCli(['doctor', '-f', 'rds.yaml'], { cwd, env });
    expect([show.exitCode, plan.exitCode]).toEqual([0, 0]);
    // The read time changes every run; the stand-in has the same length, so lines wrap the same.
    golden(`contoso-show.${width}.txt`, show.stdout.replace(/\(read \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\)/, '(read 2026-01-01T00:00:00.000Z)'));
    golden(`contoso-plan.${width}.txt`, plan.stdout);
    golden(`contoso-doctor.${width}.txt`, doctor.stdout);
    for (const output of [show.stdout, plan.stdout, doctor.stdout]) expect(overflowing(output, width)).toEqual([]);
  });

  it.each([60, 80, 200])('apply at %i columns', async (width) => {
    const cwd = copyExample('contoso');
    const apply = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd, env: { COLUMNS: String(width) } });
    expect(apply.exitCode).toBe(0);
    expect(overflowing(apply.stdout, width)).toEqual([]);
    // Durations change every run. One ends its line, or has a line of its own when it does not
    // fit, and never moves other words: the stand-in joins it back to the line before.
    golden(`contoso-apply.${width}.txt`, apply.stdout.replace(/(?: |\n +)\((?:\d+ ms|\d+\.\d s)\)$/gm, ' (N ms)'));
  });

  it('keeps the session-host table whole at 200 columns and lays it out as blocks at 80', async () => {
    const cwd = copyExample('contoso');
    const wide = await runCli(['show', '-f', 'rds.yaml'], { cwd, env: { COLUMNS: '200' } });
    const narrow = await runCli(['show', '-f', 'rds.yaml'], { cwd, env: { COLUMNS: '80' } });
    expect(wide.stdout).toMatch(/^ {2}HOST +MODE +FROM +LICENCE SERVERS +FROM +GRACE +SESSIONS$/m);
    expect(narrow.stdout).not.toContain('LICENCE SERVERS');
    expect(narrow.stdout).toMatch(/^ {2}rdsh01\.corp\.contoso\.com\n {4}licensing mode: perUser\n {4}mode from: policy$/m);
  });
});
