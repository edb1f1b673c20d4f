/**
 * The apply lock as real processes meet it: many applies at once against one lab estate,
 * a lease left behind by a dead run, the held lock's error, and force-unlock.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONVERGED_TOTALS, purchasedTotals, slowExample } from './support/lab-example.js';
import { runCli, startCli, type CliResult } from './support/run-cli.js';

const LOCK_FILE = path.join('.rdsctl', 'lab', 'contoso.estate.json.lock');

const appliedCount = (result: CliResult): number => [...result.stdout.matchAll(/^ {2}✓ .+?: applied/gm)].length;

function errorCode(result: CliResult): string | undefined {
  try {
    return (JSON.parse(result.stdout) as { error?: { code: string } }).error?.code;
  } catch {
    return undefined;
  }
}

function writeExpiredLock(cwd: string, id: string): void {
  mkdirSync(path.join(cwd, '.rdsctl', 'lab'), { recursive: true });
  const time = '2026-01-05T10:00:00.000Z';
  writeFileSync(
    path.join(cwd, LOCK_FILE),
    JSON.stringify({ formatVersion: 1, id, operation: 'apply', owner: { user: 'bob', machine: 'runner-3' }, acquiredAt: time, renewedAt: time, expiresAt: time }),
  );
}

describe('the apply lock across processes', () => {
  it('force-unlock releases nothing while the lease it names is being taken over, and says to try again', async () => {
    const cwd = slowExample(0);
    const id = '3f0c9a4e-2b1d-4c8e-9f7a-6d5e4c3b2a10';
    writeExpiredLock(cwd, id);
    const time = new Date().toISOString();
    writeFileSync(
      path.join(cwd, `${LOCK_FILE}.takeover-${id}`),
      JSON.stringify({ formatVersion: 1, id: 'a7e3c2b1-0f9d-4e8c-b7a6-5d4c3b2a1f00', operation: 'takeover', owner: { user: 'carol', machine: 'runner-9' }, acquiredAt: time, renewedAt: time, expiresAt: '2999-01-01T00:00:00.000Z' }),
    );
    const busy = await runCli(['force-unlock', id, '--auto-approve'], { cwd });
    expect(busy.exitCode).toBe(1);
    expect(busy.stderr).toContain(
      `Error: lock ${id} of deployment contoso is being renewed or taken over at this moment; nothing was released\nHint: run the same force-unlock again in a few seconds\n`,
    );
    expect(JSON.parse(readFileSync(path.join(cwd, LOCK_FILE), 'utf8')).id).toBe(id);
  });

  it('of six applies started together exactly one acts; the others fail cleanly with LOCKED', async () => {
    const cwd = slowExample(150);
    const runs = await Promise.all(Array.from({ length: 6 }, () => runCli(['apply', '-f', 'rds.yaml', '--auto-approve', '--json'], { cwd })));
    const acted = runs.filter((run) => run.exitCode === 0);
    expect(acted).toHaveLength(1);
    expect(runs.filter((run) => run.exitCode === 1).map(errorCode)).toEqual(Array(5).fill('LOCKED'));
    expect(purchasedTotals(cwd)).toEqual(CONVERGED_TOTALS);
  }, 120_000);

  it('with --lock-timeout the others wait their turn and then find nothing left to do', async () => {
    const cwd = slowExample(100);
    const runs = await Promise.all(Array.from({ length: 4 }, () => runCli(['apply', '-f', 'rds.yaml', '--auto-approve', '--lock-timeout', '60s'], { cwd })));
    expect(runs.map((run) => run.exitCode)).toEqual([0, 0, 0, 0]);
    expect(runs.map(appliedCount).sort()).toEqual([0, 0, 0, 6]);
    expect(runs.filter((run) => run.stdout.includes('No changes.'))).toHaveLength(3);
    expect(purchasedTotals(cwd)).toEqual(CONVERGED_TOTALS);
  }, 180_000);

  it('of six applies finding an expired lease, exactly one takes it over and acts', async () => {
    let trials = 0;
    for (; trials < 3; trials += 1) {
      const cwd = slowExample(50);
      writeExpiredLock(cwd, `expired-${trials}`);
      const runs = await Promise.all(Array.from({ length: 6 }, () => runCli(['apply', '-f', 'rds.yaml', '--auto-approve', '--json'], { cwd })));
      expect(runs.filter((run) => run.exitCode === 0)).toHaveLength(1);
      expect(runs.filter((run) => run.exitCode === 1).map(errorCode)).toEqual(Array(5).fill('LOCKED'));
      expect(purchasedTotals(cwd)).toEqual(CONVERGED_TOTALS);
    }
    expect(trials).toBe(3);
  }, 180_000);

  it('a held lock names its holder, since when, and the force-unlock command, which releases exactly that lock', async () => {
    const cwd = slowExample(2000);
    const first = startCli(['apply', '-f', 'rds.yaml', '--auto-approve', '--parallelism', '1'], { cwd, env: { GITHUB_RUN_ID: '8812', RDSCTL_LOCK_LEASE: '6s' } });
    await new Promise<void>((resolve) => first.child.stdout?.once('data', () => resolve()));
    const record = JSON.parse(readFileSync(path.join(cwd, LOCK_FILE), 'utf8')) as { id: string; acquiredAt: string; expiresAt: string; owner: { user: string; machine: string } };
    expect(record.owner).toMatchObject({ ciRunId: 'github:8812' });

    const held = await runCli(['apply', '-f', path.join(cwd, 'rds.yaml'), '--auto-approve', '--lock-timeout', '1s'], { cwd: path.dirname(cwd) });
    expect(held.exitCode).toBe(1);
    const owner = `${record.owner.user} on ${record.owner.machine} (CI run github:8812)`;
    expect(held.stderr.split('\n')).toEqual(
      [
        `Error: the apply lock of deployment contoso is held by ${owner} (apply) since ${record.acquiredAt} after waiting 1 s`,
        `  lock ID: ${record.id}`,
        expect.stringMatching(/^ {2}lease expires at \S+ unless its holder renews it$/),
        expect.stringMatching(/^ {2}plan: sha256:[0-9a-f]{64}$/),
        `  lock: ${path.join(path.basename(cwd), LOCK_FILE)}`,
        `Hint: wait for it with --lock-timeout DURATION; if that run is gone, its lease expires by itself, or release it now with: rdsctl force-unlock ${record.id} -f ${path.join(cwd, 'rds.yaml')}`,
        '',
      ],
    );

    const wrong = await runCli(['force-unlock', 'not-the-lock', '--auto-approve'], { cwd });
    expect([wrong.exitCode, wrong.stderr.split('\n')[0]]).toEqual([1, `Error: lock not-the-lock is not the apply lock of deployment contoso: lock ${record.id} holds it now`]);
    const unasked = await runCli(['force-unlock', record.id], { cwd });
    expect([unasked.exitCode, unasked.stderr.split('\n')[0]]).toEqual([3, 'Error: force-unlock needs confirmation, but there is no terminal to ask on']);

    const released = await runCli(['force-unlock', record.id, '--auto-approve'], { cwd });
    expect(released.exitCode, released.stderr).toBe(0);
    expect(released.stdout).toBe(`Released lock ${record.id} of deployment contoso (${LOCK_FILE}).\n`);
    expect(released.stderr).toContain(`Lock ${record.id} of deployment contoso is held by ${owner} (apply) since ${record.acquiredAt}.`);

    // The first apply learns at its next renewal that it lost the lock, and starts nothing new.
    const ending = await first.done;
    expect(ending.exitCode).toBe(1);
    expect(ending.stderr).toContain('Error: the apply lock of deployment contoso was lost: another run holds it now; no new change was started');
  }, 120_000);
});
