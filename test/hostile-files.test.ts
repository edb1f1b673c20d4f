/**
 * Files that are not what they claim: a named pipe, a device, a directory, an oversized file.
 * Each is refused with exit 3 before a byte is read, within a few seconds, writing nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, startCli, type CliResult, type RunOptions } from './support/run-cli.js';

const HINT = 'Hint: rdsctl reads only regular files within the size limits in docs/limits.md\n';
const SECRET = path.join('secrets', 'lab-agreement-number.txt');

/** Runs the CLI, killing it if it outlives `ms`, so a hang fails the test instead of stalling it. */
async function runWithin(args: readonly string[], options: RunOptions, ms = 4_000): Promise<CliResult> {
  const { child, done } = startCli(args, options);
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  const result = await done;
  clearTimeout(timer);
  return result;
}

/** The key-pack types a licence server of the live lab estate holds (a full apply adds perDevice to lic02). */
function keyPackTypesOf(cwd: string, host: string): string[] {
  const estate = JSON.parse(readFileSync(path.join(cwd, '.rdsctl', 'lab', 'contoso.estate.json'), 'utf8')) as {
    hosts: { host: string; licenseServer?: { keyPacks: { type: string }[] } }[];
  };
  return (estate.hosts.find((entry) => entry.host === host)?.licenseServer?.keyPacks ?? []).map((pack) => pack.type);
}

function makeFifo(file: string): void {
  rmSync(file, { force: true });
  execFileSync('mkfifo', [file]);
}

describe('hostile files', () => {
  it('refuses a named pipe as the spec at once', { timeout: 5_000 }, async () => {
    const cwd = copyExample('contoso');
    makeFifo(path.join(cwd, 'pipe.yaml'));
    for (const command of [['validate'], ['plan'], ['apply', '--auto-approve']]) {
      const result = await runWithin([...command, '-f', 'pipe.yaml'], { cwd });
      expect(result).toEqual({ exitCode: 3, signal: null, stdout: '', stderr: `Error: spec file pipe.yaml is a named pipe (FIFO), not a regular file\n${HINT}` });
    }
    expect(existsSync(path.join(cwd, '.rdsctl'))).toBe(false);
  });

  it('refuses a device as the spec instead of reading it until memory runs out', { timeout: 5_000 }, async () => {
    const cwd = copyExample('contoso');
    const result = await runWithin(['plan', '-f', '/dev/zero'], { cwd });
    expect(result).toEqual({ exitCode: 3, signal: null, stdout: '', stderr: `Error: spec file /dev/zero is a character device, not a regular file\n${HINT}` });
  });

  it('refuses a spec over 16 MiB without reading it', { timeout: 5_000 }, async () => {
    const cwd = copyExample('contoso');
    const file = path.join(cwd, 'huge.yaml');
    writeFileSync(file, '');
    truncateSync(file, 17 * 1024 * 1024); // sparse: no disk or memory is spent making it
    const result = await runWithin(['validate', '-f', 'huge.yaml'], { cwd });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toBe(`Error: spec file huge.yaml is 17 MiB, over the 16 MiB limit for a spec file\n${HINT}`);
  });

  it('refuses a named pipe in place of the live lab estate', { timeout: 5_000 }, async () => {
    const cwd = copyExample('contoso');
    mkdirSync(path.join(cwd, '.rdsctl', 'lab'), { recursive: true });
    const live = path.join(cwd, '.rdsctl', 'lab', 'contoso.estate.json');
    makeFifo(live);
    const plan = await runWithin(['plan', '-f', 'rds.yaml'], { cwd });
    expect(plan.exitCode).toBe(3);
    expect(plan.stderr).toBe(`Error: lab estate file .rdsctl/lab/contoso.estate.json is a named pipe (FIFO), not a regular file\n${HINT}`);
    const apply = await runWithin(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd });
    expect(apply.exitCode).toBe(3);
    expect(apply.stderr).toBe(plan.stderr);
  });

  it('refuses a named pipe in place of the lab estate lock', { timeout: 5_000 }, async () => {
    const cwd = copyExample('contoso');
    mkdirSync(path.join(cwd, '.rdsctl', 'lab'), { recursive: true });
    makeFifo(path.join(cwd, '.rdsctl', 'lab', 'contoso.estate.json.lock'));
    const apply = await runWithin(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd });
    expect(apply.exitCode).toBe(3);
    expect(apply.stderr).toBe(`Error: lock file .rdsctl/lab/contoso.estate.json.lock is a named pipe (FIFO), not a regular file\n${HINT}`);
    expect(existsSync(path.join(cwd, '.rdsctl', 'lab', 'contoso.estate.json'))).toBe(false);
  });

  it('refuses a named pipe as a secret file at preflight, before any change', { timeout: 5_000 }, async () => {
    const cwd = copyExample('contoso');
    makeFifo(path.join(cwd, SECRET));
    const apply = await runWithin(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd });
    expect(apply.exitCode).toBe(3);
    expect(apply.stderr).toContain('Error: 2 secrets that apply needs are missing or malformed; nothing was changed\n');
    expect(apply.stderr).toContain(`  secret file ./secrets/lab-agreement-number.txt (${path.join(cwd, SECRET)}) is a named pipe (FIFO), not a regular file\n`);
    expect(apply.stdout).not.toContain(': applied');
    expect(keyPackTypesOf(cwd, 'lic02.corp.contoso.com')).toEqual(['builtIn', 'perUser']);
  });

  it('refuses a device as a secret file at preflight', { timeout: 5_000 }, async () => {
    const cwd = copyExample('contoso');
    const spec = path.join(cwd, 'rds.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replaceAll('./secrets/lab-agreement-number.txt', '/dev/zero'));
    const apply = await runWithin(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd, env: { RDSCTL_SECRET_FILES_ANYWHERE: '1' } });
    expect(apply.exitCode).toBe(3);
    expect(apply.stderr).toContain('  secret file /dev/zero (/dev/zero) is a character device, not a regular file\n');
    expect(apply.stdout).not.toContain(': applied');
    expect(keyPackTypesOf(cwd, 'lic02.corp.contoso.com')).toEqual(['builtIn', 'perUser']);
  });

  it('refuses a named pipe as the saved plan of apply, and a saved plan over 256 MiB, before reading either', { timeout: 5_000 }, async () => {
    const cwd = copyExample('contoso');
    makeFifo(path.join(cwd, 'plan.json'));
    const pipe = await runWithin(['apply', 'plan.json', '--auto-approve'], { cwd });
    expect(pipe).toEqual({ exitCode: 3, signal: null, stdout: '', stderr: `Error: saved plan plan.json is a named pipe (FIFO), not a regular file\n${HINT}` });
    const huge = path.join(cwd, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, 257 * 1024 * 1024);
    const oversized = await runWithin(['apply', 'huge.json', '--auto-approve'], { cwd });
    expect(oversized).toEqual({ exitCode: 3, signal: null, stdout: '', stderr: `Error: saved plan huge.json is 257 MiB, over the 256 MiB limit for a saved plan\n${HINT}` });
    expect(existsSync(path.join(cwd, '.rdsctl', 'lab', 'contoso.estate.json'))).toBe(false);
  });

  it('lab reset refuses a directory at the live path and leaves it alone', { timeout: 5_000 }, async () => {
    const cwd = copyExample('contoso');
    const live = path.join(cwd, '.rdsctl', 'lab', 'contoso.estate.json');
    mkdirSync(path.join(live, 'inside'), { recursive: true });
    const reset = await runWithin(['lab', 'reset', '-f', 'rds.yaml'], { cwd });
    expect(reset).toEqual({
      exitCode: 3,
      signal: null,
      stdout: '',
      stderr: `Error: lab estate file ${live} is a directory, not a regular file; rdsctl will not replace it\nHint: remove ${live} yourself, then run the command again\n`,
    });
    expect(existsSync(path.join(live, 'inside'))).toBe(true);
  });
});
