/**
 * The lab's intent ledger as the next CI runner sees it: applies killed at change boundaries of
 * changes that add up (licence installs, revocations), then a rerun on a "different runner" (an
 * audit log in a fresh directory that never saw the killed run) reports every intent the killed
 * run left without an outcome, says what it now observes, settles it, and no change is lost or
 * made twice.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONVERGED_TOTALS, purchasedTotals } from './support/lab-example.js';
import { copyExample, runCli, startCli } from './support/run-cli.js';

interface LedgerLine {
  time: string;
  event: 'intent' | 'outcome' | 'observed';
  id: string;
  address: string;
  user?: string;
  machine?: string;
  observation?: string;
}

const readLines = (file: string): LedgerLine[] => {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LedgerLine);
};

const unsettled = (lines: readonly LedgerLine[]): LedgerLine[] => lines.filter((line) => line.event === 'intent' && !lines.some((other) => other.id === line.id && other.event !== 'intent'));

const freshRunner = (): string => mkdtempSync(path.join(os.tmpdir(), 'rdsctl-runner-'));

const LAB_TIMING = 'lab:\n  applyDelayMs: 300\n  answerDelayMs: 300\n';

interface Estate {
  cwd: string;
  spec: string;
  ledger: string;
  /** Throws unless the estate holds every change exactly once. */
  expectConverged(): void;
}

function installsEstate(): Estate {
  const cwd = copyExample('contoso');
  const estate = path.join(cwd, 'estate.yaml');
  writeFileSync(estate, readFileSync(estate, 'utf8').replace(/^lab:\n/m, LAB_TIMING));
  return {
    cwd,
    spec: path.join(cwd, 'rds.yaml'),
    ledger: path.join(cwd, '.rdsctl', 'lab', 'contoso.ledger.jsonl'),
    expectConverged: () => expect(purchasedTotals(cwd)).toEqual(CONVERGED_TOTALS),
  };
}

function revocationsEstate(): Estate {
  const cwd = path.join(copyExample('broken'), 'cals-held-by-retired-devices');
  const estate = path.join(cwd, 'estate.yaml');
  writeFileSync(estate, `${readFileSync(estate, 'utf8')}${LAB_TIMING}`);
  const live = path.join(cwd, '.rdsctl', 'lab', 'cals-held-by-retired-devices.estate.json');
  return {
    cwd,
    spec: path.join(cwd, 'rds.yaml'),
    ledger: path.join(cwd, '.rdsctl', 'lab', 'cals-held-by-retired-devices.ledger.jsonl'),
    expectConverged() {
      const server = (JSON.parse(readFileSync(live, 'utf8')) as { hosts: { licenseServer?: { keyPacks: { keyPackId: number; issued: number }[]; issuedLicenses?: { licenseId: number; status: string }[] } }[] }).hosts.find((host) => host.licenseServer)!.licenseServer!;
      expect(server.issuedLicenses?.filter((license) => license.status === 'revoked').map((license) => license.licenseId)).toEqual([1, 2, 3, 4]);
      // Each revocation returned its CAL once: 20 issued, 4 revoked.
      expect(server.keyPacks.find((pack) => pack.keyPackId === 4)?.issued).toBe(16);
    },
  };
}

/** Starts apply on runner A and kills it `delayMs` after the `nth` change that adds up recorded its intent in the estate. */
async function killAtBoundary(estate: Estate, nth: number, delayMs: number): Promise<boolean> {
  const runner = freshRunner();
  const run = startCli(['apply', '-f', estate.spec, '--auto-approve', '--parallelism', '1', '--audit-log', path.join(runner, 'audit.jsonl')], { cwd: runner, env: { RDSCTL_LOCK_LEASE: '1s' } });
  const killed = await new Promise<boolean>((resolve) => {
    let armed = false;
    const poll = setInterval(() => {
      if (armed || readLines(estate.ledger).filter((line) => line.event === 'intent').length < nth) return;
      armed = true;
      clearInterval(poll);
      setTimeout(() => resolve(true), delayMs);
    }, 10);
    void run.done.then(() => {
      clearInterval(poll);
      resolve(false);
    });
  });
  // A run that finished before the kill landed is no fault; it is not counted.
  if (!killed) return false;
  run.child.kill('SIGKILL');
  const ended = await run.done;
  return ended.signal === 'SIGKILL';
}

/** What a run killed before its change leaves in the ledger: an intent and nothing after it. */
function leaveIntent(ledger: string, id: string, address: string): { id: string } {
  const intent = { time: '2026-12-04T02:00:00.000Z', event: 'intent', id, deployment: 'contoso', user: 'ci', machine: 'runner-a', planDigest: 'sha256:00', address };
  mkdirSync(path.dirname(ledger), { recursive: true });
  writeFileSync(ledger, `${JSON.stringify(intent)}\n`);
  return intent;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the lab intent ledger across runners', () => {
  it('applies killed at change boundaries are reported by a run on another runner, settled, and nothing is lost or made twice', async () => {
    let kills = 0;
    let reportedDone = 0;
    let reportedToDo = 0;
    // Kills 0-120 ms after an intent land before the change is made (300 ms apply delay); 420-560 ms, after it was made and before its outcome (300 ms answer delay).
    const trials: [() => Estate, number, number][] = [
      [installsEstate, 1, 0],
      [installsEstate, 1, 450],
      [installsEstate, 2, 120],
      [installsEstate, 2, 520],
      [revocationsEstate, 1, 60],
      [revocationsEstate, 2, 480],
      [revocationsEstate, 3, 20],
      [revocationsEstate, 4, 560],
    ];
    for (const [makeEstate, nth, delayMs] of trials) {
      const estate = makeEstate();
      if (await killAtBoundary(estate, nth, delayMs)) kills += 1;
      else continue;
      const open = unsettled(readLines(estate.ledger));
      expect(open.length, `trial ${nth}/${delayMs} left no unsettled intent`).toBe(1);
      const planned = JSON.parse((await runCli(['plan', '-f', estate.spec, '--json'], { cwd: estate.cwd })).stdout) as { changes: { address: string }[] };

      // Runner B shares no disk with runner A: its audit log is new.
      const runnerB = freshRunner();
      const auditB = path.join(runnerB, 'audit.jsonl');
      const rerun = await runCli(['apply', '-f', estate.spec, '--auto-approve', '--lock-timeout', '30s', '--audit-log', auditB], { cwd: runnerB, env: { RDSCTL_LOCK_LEASE: '1s' } });
      expect(rerun.exitCode, rerun.stderr).toBe(0);
      expect(rerun.stdout).toContain('Changes an earlier run started without recording how they ended:\n');
      for (const intent of open) {
        const stillToDo = planned.changes.some((change) => change.address === intent.address);
        const observed = stillToDo ? 'still to do \\(.+\\); this apply makes it' : 'done \\(the estate matches the spec there\\)';
        expect(rerun.stdout).toMatch(new RegExp(`^ {2}${escape(intent.address)}: started ${escape(intent.time)} by ${escape(`${intent.user} on ${intent.machine}`)}, outcome unknown, now observed as ${observed}\\.$`, 'm'));
        if (stillToDo) reportedToDo += 1;
        else reportedDone += 1;
        // A change observed done is not made again by runner B.
        const madeAgain = readLines(auditB).some((line) => line.event === 'intent' && line.address === intent.address);
        expect(madeAgain).toBe(stillToDo);
      }
      expect(readLines(auditB).filter((line) => line.event === 'observed').map((line) => line.id)).toEqual(open.map((intent) => intent.id));
      expect(unsettled(readLines(estate.ledger))).toEqual([]);
      estate.expectConverged();

      // Runner C: nothing left to report, nothing to do.
      const runnerC = freshRunner();
      const third = await runCli(['apply', '-f', estate.spec, '--auto-approve', '--audit-log', path.join(runnerC, 'audit.jsonl')], { cwd: runnerC });
      expect(third.exitCode, third.stderr).toBe(0);
      expect(third.stdout).not.toContain('outcome unknown');
      expect((await runCli(['plan', '-f', estate.spec, '--detailed-exitcode'], { cwd: estate.cwd })).exitCode).toBe(0);
    }
    console.log(`estate ledger: ${kills} kills at change boundaries; ${reportedDone} reported done, ${reportedToDo} still to do`);
    expect(kills).toBeGreaterThanOrEqual(6);
    expect(reportedDone).toBeGreaterThan(0);
    expect(reportedToDo).toBeGreaterThan(0);
  }, 400_000);

  it('a --target apply leaves an intent outside its targets unsettled for a run that can observe it', async () => {
    const estate = installsEstate();
    const address = 'licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]';
    const intent = leaveIntent(estate.ledger, '3f0c9b8e-1d2a-4e5f-8a7b-6c5d4e3f2a1b', address);
    const targeted = await runCli(['apply', '-f', estate.spec, '--auto-approve', '--target', 'licenseServer[lic02.corp.contoso.com].firewall', '--audit-log', path.join(freshRunner(), 'audit.jsonl')], { cwd: estate.cwd });
    expect(targeted.exitCode, targeted.stderr).toBe(0);
    expect(targeted.stdout).not.toContain('outcome unknown');
    expect(unsettled(readLines(estate.ledger)).map((line) => line.id)).toEqual([intent.id]);
    const full = await runCli(['apply', '-f', estate.spec, '--auto-approve', '--audit-log', path.join(freshRunner(), 'audit.jsonl')], { cwd: estate.cwd });
    expect(full.exitCode, full.stderr).toBe(0);
    expect(full.stdout).toContain(`  ${address}: started 2026-12-04T02:00:00.000Z by ci on runner-a, outcome unknown, now observed as still to do (licenses 200 → 250); this apply makes it.\n`);
    expect(unsettled(readLines(estate.ledger))).toEqual([]);
    estate.expectConverged();
  }, 120_000);

  it('a saved plan made with --target settles, when applied, only the intents inside its targets', async () => {
    const estate = installsEstate();
    const address = 'licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]';
    const intent = leaveIntent(estate.ledger, '5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d', address);
    const target = 'licenseServer[lic02.corp.contoso.com].firewall';
    const planned = await runCli(['plan', '-f', estate.spec, '--target', target, '--out', 'tfplan.json'], { cwd: estate.cwd });
    expect(planned.exitCode, planned.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(estate.cwd, 'tfplan.json'), 'utf8')).targets).toEqual([target]);

    const narrowed = await runCli(['apply', 'tfplan.json', '-f', estate.spec, '--auto-approve', '--target', address], { cwd: estate.cwd });
    expect(narrowed.exitCode).toBe(3);
    expect(narrowed.stderr).toBe(
      'Error: --target cannot narrow a saved plan: rdsctl apply FILE applies tfplan.json exactly as it was reviewed\n' +
        'Hint: plan the narrower change with rdsctl plan --target ADDRESS --out FILE, review it, then apply that file\n',
    );

    const applied = await runCli(['apply', 'tfplan.json', '-f', estate.spec, '--auto-approve', '--audit-log', path.join(freshRunner(), 'audit.jsonl')], { cwd: estate.cwd });
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stdout).not.toContain('outcome unknown');
    expect(unsettled(readLines(estate.ledger)).map((line) => line.id)).toEqual([intent.id]);
  }, 120_000);
});
