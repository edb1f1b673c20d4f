/**
 * On GitHub Actions, plan appends its markdown summary to GITHUB_STEP_SUMMARY: after what
 * earlier steps wrote, never over it, and never through a link or into a pipe.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, runCli } from './support/run-cli.js';

describe('GITHUB_STEP_SUMMARY', () => {
  it('gets the markdown plan appended after what earlier steps wrote, once per run', async () => {
    const cwd = copyExample('contoso');
    const summary = path.join(cwd, 'step-summary.md');
    writeFileSync(summary, 'earlier step\n');
    const markdown = await runCli(['plan', '--format', 'markdown'], { cwd });
    const plan = await runCli(['plan', '--detailed-exitcode'], { cwd, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toContain('Plan: 1 to create, 5 to update');
    expect(readFileSync(summary, 'utf8')).toBe(`earlier step\n${markdown.stdout}\n`);

    await runCli(['plan'], { cwd, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(readFileSync(summary, 'utf8')).toBe(`earlier step\n${markdown.stdout}\n${markdown.stdout}\n`);
  });

  it('gets the apply report in markdown, the same that apply --format markdown prints', async () => {
    const cwd = copyExample('contoso');
    const summary = path.join(cwd, 'step-summary.md');
    const apply = await runCli(['apply', '--auto-approve', '--format', 'markdown'], { cwd, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(apply.exitCode).toBe(0);
    expect(apply.stdout.split('\n').slice(0, 3)).toEqual(['### rdsctl apply: contoso', '', '**Apply complete: 6 applied.**']);
    expect(apply.stdout).toContain('| Resource kind | applied |\n| --- | ---: |\n');
    expect(apply.stdout).toContain('| licenseServer.keyPack | 2 |\n');
    expect(readFileSync(summary, 'utf8')).toBe(`${apply.stdout}\n`);
  });

  it('warns, writes nothing and keeps the exit code when the summary path is a link, a pipe or a directory', async () => {
    const cwd = copyExample('contoso');
    const target = path.join(cwd, 'elsewhere.txt');
    writeFileSync(target, 'not yours\n');
    symlinkSync(target, path.join(cwd, 'link.md'));
    execFileSync('mkfifo', [path.join(cwd, 'pipe.md')]);
    mkdirSync(path.join(cwd, 'directory.md'));
    for (const [name, problem] of [
      ['link.md', 'it is a symbolic link'],
      ['pipe.md', 'it is a named pipe or device, not a regular file'],
      ['directory.md', 'it is a directory, not a regular file'],
    ] as const) {
      const file = path.join(cwd, name);
      const plan = await runCli(['plan', '--detailed-exitcode'], { cwd, env: { GITHUB_STEP_SUMMARY: file } });
      expect(plan.exitCode, name).toBe(2);
      expect(plan.stderr, name).toContain(`Warning: the summary was not appended to GITHUB_STEP_SUMMARY (${file}): ${problem}\n`);
    }
    expect(readFileSync(target, 'utf8')).toBe('not yours\n');
  });
});
