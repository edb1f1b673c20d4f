/**
 * Applies that are killed, interrupted or run twice at once: the estate is never half
 * written, nothing is installed twice, and two applies never both act.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, REPO_ROOT, runCli, startCli, type CliResult } from './support/run-cli.js';

interface EstateFile {
  hosts: { host: string; licenseServer?: { keyPacks: { type: string; channel: string; total: number }[] } }[];
}

function slowExample(delayMs: number): string {
  const cwd = copyExample('contoso');
  const estate = path.join(cwd, 'estate.yaml');
  writeFileSync(estate, readFileSync(estate, 'utf8').replace(/^lab:\n/m, `lab:\n  applyDelayMs: ${delayMs}\n`));
  return cwd;
}

function purchasedTotals(cwd: string): Record<string, number> {
  const estate = JSON.parse(readFileSync(path.join(cwd, '.rdsctl', 'lab', 'contoso.estate.json'), 'utf8')) as EstateFile;
  const totals: Record<string, number> = {};
  for (const host of estate.hosts) {
    for (const pack of host.licenseServer?.keyPacks ?? []) {
      if (pack.channel !== 'volume') continue;
      const key = `${host.host} ${pack.type}`;
      totals[key] = (totals[key] ?? 0) + pack.total;
    }
  }
  return totals;
}

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
  it('re-running an apply killed between two changes converges without installing twice', async () => {
    const cwd = slowExample(400);
    const run = startCli(['apply', '-f', 'rds.yaml', '--auto-approve', '--parallelism', '1'], { cwd });
    await waitForLine(run, /keyPack\[ea-2022-user\]: applied/);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(purchasedTotals(cwd)['lic01.corp.contoso.com perUser']).toBe(250);

    const rerun = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd });
    expect(rerun.exitCode).toBe(0);
    expect(purchasedTotals(cwd)).toEqual({
      'lic01.corp.contoso.com perUser': 250,
      'lic01.corp.contoso.com perDevice': 50,
      'lic02.corp.contoso.com perUser': 100,
      'lic02.corp.contoso.com perDevice': 25,
    });
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

  it('a second apply against the same estate is refused while the first holds the lock', async () => {
    const cwd = slowExample(500);
    const first = startCli(['apply', '-f', 'rds.yaml', '--auto-approve', '--parallelism', '1'], { cwd });
    await waitForLine(first, /: applied/);
    const second = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd });
    expect(second.exitCode).toBe(1);
    expect(second.stderr).toMatch(/^Error: another rdsctl apply holds the lock on .*contoso\.estate\.json \(pid \d+\)/);
    expect((await first.done).exitCode).toBe(0);
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
