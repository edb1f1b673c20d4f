/**
 * Applies that are killed, interrupted or run twice at once: the estate is never half
 * written, nothing is installed twice, and two applies never both act.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONVERGED_TOTALS, purchasedTotals, slowExample } from './support/lab-example.js';
import { copyExample, REPO_ROOT, runCli, startCli, type CliResult } from './support/run-cli.js';

/** Apply prints each change on stdout once it finishes; without a terminal, stderr has no progress. */
function waitForLine(run: ReturnType<typeof startCli>, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    run.child.stdout?.on('data', (chunk: string) => {
      seen += chunk;
      if (pattern.test(seen)) resolve();
    });
    run.done.then((result: CliResult) => reject(new Error(`exited before ${pattern}: ${result.stdout}${result.stderr}`)), reject);
  });
}

describe('interrupted and concurrent applies', () => {
  it('re-running an apply killed between two changes waits out its lease and converges without installing twice', async () => {
    const cwd = slowExample(400);
    const env = { RDSCTL_LOCK_LEASE: '3s' };
    const run = startCli(['apply', '-f', 'rds.yaml', '--auto-approve', '--parallelism', '1'], { cwd, env });
    await waitForLine(run, /keyPack\[ea-2022-user\]: applied/);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(purchasedTotals(cwd)['lic01.corp.contoso.com perUser']).toBe(250);

    // The dead run's lease still stands (no process id is consulted); the next run waits it out.
    const lockFile = path.join(cwd, '.rdsctl', 'lab', 'contoso.estate.json.lock');
    const left = JSON.parse(readFileSync(lockFile, 'utf8')) as { expiresAt: string };
    const rerun = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve', '--lock-timeout', '30s'], { cwd, env });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(left.expiresAt));
    expect(existsSync(lockFile)).toBe(false);
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(purchasedTotals(cwd)).toEqual(CONVERGED_TOTALS);
    expect((await runCli(['plan', '-f', 'rds.yaml', '--detailed-exitcode'], { cwd })).exitCode).toBe(0);
  });

  it('Ctrl-C lets the change in flight finish, starts nothing new and says what was not done', async () => {
    const cwd = slowExample(600);
    const run = startCli(['apply', '-f', 'rds.yaml', '--auto-approve', '--parallelism', '1'], { cwd });
    // With one change at a time, the next change is in flight once the first one is printed.
    await waitForLine(run, /: applied/);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Interrupted: changes in flight will finish; nothing new starts.');
    const applied = [...result.stdout.matchAll(/^ {2}✓ (.+?): applied/gm)].map((match) => match[1]);
    expect(applied, result.stdout).toHaveLength(2);
    expect(result.stdout).toMatch(/\nApply interrupted: 2 applied, \d+ not started\./);
    const plan = await runCli(['plan', '-f', 'rds.yaml', '--json'], { cwd });
    const remaining = (JSON.parse(plan.stdout) as { changes: { address: string }[] }).changes.map((change) => change.address);
    expect(remaining.filter((address) => applied.includes(address))).toEqual([]);
    expect(remaining.length).toBeGreaterThan(0);
  });

  it('a second Ctrl-C quits at once with exit 130, naming the change in flight', { timeout: 30_000 }, async () => {
    const cwd = slowExample(3000);
    const run = startCli(['apply', '-f', 'rds.yaml', '--auto-approve', '--parallelism', '1'], { cwd });
    await waitForLine(run, /: applied/);
    run.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = Date.now();
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(Date.now() - second).toBeLessThan(2_000);
    expect(result.exitCode).toBe(130);
    expect(result.stderr).toMatch(
      /\nInterrupted again: quitting now\. 1 change was in flight and may not have finished: [^\s,]+\. Run rdsctl plan to see where the estate stands\.\n$/,
    );
    const inFlight = /may not have finished: (\S+)\. Run/.exec(result.stderr)?.[1];
    expect(result.stdout).not.toContain(`${inFlight}: applied`);
  });

  it('a second Ctrl-C ends the process within 2 s even while a thread is blocked in open()', { timeout: 30_000 }, async () => {
    const cwd = slowExample(3000);
    const fifo = path.join(cwd, 'blocking.fifo');
    execFileSync('mkfifo', [fifo]);
    const env = { NODE_OPTIONS: `--import=${path.join(REPO_ROOT, 'test', 'support', 'block-thread-pool.mjs')}`, RDSCTL_TEST_BLOCKING_FIFO: fifo };
    const run = startCli(['apply', '-f', 'rds.yaml', '--auto-approve', '--parallelism', '1'], { cwd, env });
    await waitForLine(run, /: applied/);
    run.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = Date.now();
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(Date.now() - second).toBeLessThan(2_000);
    // process.exit cannot finish while the thread is blocked: the exit watchdog ends rdsctl with
    // SIGINT, which a shell reports as 130.
    expect({ exitCode: result.exitCode, signal: result.signal }).toEqual({ exitCode: null, signal: 'SIGINT' });
    expect(result.stderr).toContain('\nInterrupted again: quitting now. 1 change was in flight and may not have finished: ');
  });

  it('show --json prints live state that replays as a lab estate', async () => {
    const cwd = copyExample('contoso');
    const show = await runCli(['show', '-f', 'rds.yaml', '--json'], { cwd });
    expect(show.exitCode).toBe(0);
    writeFileSync(path.join(cwd, 'replay.json'), show.stdout);
    const spec = path.join(cwd, 'rds.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('estate: ./estate.yaml', 'estate: ./replay.json').replace('deployment: contoso', 'deployment: replay'));
    const original = await runCli(['plan', '-f', 'rds.yaml', '--json'], { cwd });
    const replayed = JSON.parse(original.stdout) as { summary: object };
    expect(replayed.summary).toEqual({ create: 1, update: 5, delete: 0, refused: 0, pending: 12, unknown: 0 });
  });
});
