/**
 * The audit log as a user and an auditor see it: one intent line flushed before each change and
 * one outcome line after, at the configured path, never a secret; an unwritable log stops apply
 * before any change; and applies killed at change boundaries leave records the next run reports
 * and settles, with no change lost or made twice.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONVERGED_TOTALS, purchasedTotals, slowExample } from './support/lab-example.js';
import { copyExample, runCli, startCli } from './support/run-cli.js';

interface AuditLine {
  time: string;
  event: 'intent' | 'outcome' | 'observed';
  id: string;
  deployment: string;
  user: string;
  machine: string;
  ciRunId?: string;
  planDigest: string;
  address: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  outcome?: string;
  observation?: string;
}

const readAudit = (file: string): AuditLine[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AuditLine);

const appliedAddresses = (stdout: string): string[] => [...stdout.matchAll(/^ {2}✓ (.+?): applied/gm)].map((match) => match[1] as string);

describe('the audit log', () => {
  it('writes an intent before and an outcome after every change, with who, where from and the plan, never a secret', async () => {
    const cwd = copyExample('contoso');
    const apply = await runCli(['apply', '--auto-approve'], { cwd, env: { GITHUB_RUN_ID: '77' } });
    expect(apply.exitCode, apply.stderr).toBe(0);
    const file = path.join(cwd, '.rdsctl', 'audit.jsonl');
    const lines = readAudit(file);
    const intents = lines.filter((line) => line.event === 'intent');
    const outcomes = lines.filter((line) => line.event === 'outcome');
    expect(outcomes.filter((line) => line.outcome === 'applied').map((line) => line.address).sort()).toEqual(appliedAddresses(apply.stdout).sort());
    expect(outcomes.map((line) => line.id).sort()).toEqual(intents.map((line) => line.id).sort());
    for (const outcome of outcomes) {
      expect(lines.findIndex((line) => line.event === 'intent' && line.id === outcome.id)).toBeLessThan(lines.indexOf(outcome));
    }
    const keyPack = outcomes.find((line) => line.address === 'licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]');
    expect(keyPack).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      event: 'outcome',
      id: expect.any(String),
      deployment: 'contoso',
      user: expect.any(String),
      machine: expect.any(String),
      ciRunId: 'github:77',
      planDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      address: 'licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]',
      action: 'update',
      before: { licenses: 200 },
      after: { licenses: 250 },
      outcome: 'applied',
      performed: ['installed 50 licences (Windows Server 2022, per user)'],
      errors: [],
    });
    expect(readFileSync(file, 'utf8')).not.toContain(readFileSync(path.join(cwd, 'secrets', 'lab-agreement-number.txt'), 'utf8').trim());
  });

  it('goes where policy.auditLog or --audit-log says', async () => {
    const cwd = copyExample('contoso');
    const spec = path.join(cwd, 'rds.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace(/^policy:\n/m, 'policy:\n  auditLog: logs/rdsctl-audit.jsonl\n'));
    expect((await runCli(['apply', '--auto-approve', '--target', 'licenseServer[lic02.corp.contoso.com].firewall'], { cwd })).exitCode).toBe(0);
    expect(readAudit(path.join(cwd, 'logs', 'rdsctl-audit.jsonl')).map((line) => `${line.event} ${line.address}`)).toEqual([
      'intent licenseServer[lic02.corp.contoso.com].firewall',
      'outcome licenseServer[lic02.corp.contoso.com].firewall',
    ]);
    const flag = await runCli(['apply', '--auto-approve', '--audit-log', 'elsewhere.jsonl', '--target', 'sessionHost[kiosk02.corp.contoso.com]'], { cwd });
    expect(flag.exitCode).toBe(0);
    expect(readAudit(path.join(cwd, 'elsewhere.jsonl')).map((line) => `${line.event} ${line.address}`)).toEqual([
      'intent sessionHost[kiosk02.corp.contoso.com]',
      'outcome sessionHost[kiosk02.corp.contoso.com]',
    ]);
    expect(existsSync(path.join(cwd, '.rdsctl', 'audit.jsonl'))).toBe(false);
  });

  it('an unwritable audit log fails the preflight: exit 1, nothing changed, lock released', async () => {
    const cwd = copyExample('contoso');
    const before = await runCli(['plan', '--json'], { cwd });
    const apply = await runCli(['apply', '--auto-approve', '--audit-log', 'rds.yaml/audit.jsonl', '--json'], { cwd });
    expect(apply.exitCode).toBe(1);
    expect(JSON.parse(apply.stdout)).toMatchObject({
      error: { code: 'AUDIT_LOG_UNWRITABLE', exitCode: 1, message: `the audit log ${path.join(cwd, 'rds.yaml', 'audit.jsonl')} cannot be written (EEXIST); nothing was changed` },
    });
    const after = await runCli(['plan', '--json'], { cwd });
    expect(JSON.parse(after.stdout).changes).toEqual(JSON.parse(before.stdout).changes);
    expect(existsSync(path.join(cwd, '.rdsctl', 'lab', 'contoso.estate.json.lock'))).toBe(false);
  });

  it('applies killed at change boundaries leave records the next run reports and settles; no change is lost or made twice', async () => {
    const env = { RDSCTL_LOCK_LEASE: '1s' };
    let kills = 0;
    let reported = 0;
    for (const [boundary, delayMs] of [[1, 0], [2, 90], [3, 170], [1, 240], [2, 20], [3, 130], [1, 60], [2, 200]] as const) {
      const cwd = slowExample(250);
      const file = path.join(cwd, '.rdsctl', 'audit.jsonl');
      const run = startCli(['apply', '--auto-approve', '--parallelism', '1'], { cwd, env });
      const ended = await new Promise<boolean>((resolve) => {
        let seen = '';
        run.child.stdout?.on('data', (chunk: string) => {
          seen += chunk;
          if (appliedAddresses(seen).length >= boundary) setTimeout(() => resolve(false), delayMs);
        });
        void run.done.then(() => resolve(true));
      });
      // A run that finished before the kill landed is no fault; it is not counted.
      if (!ended) {
        run.child.kill('SIGKILL');
        expect((await run.done).signal).toBe('SIGKILL');
        kills += 1;
      }

      const open = readAudit(file).filter((line) => line.event === 'intent' && !readAudit(file).some((other) => other.id === line.id && other.event !== 'intent'));
      const rerun = await runCli(['apply', '--auto-approve', '--lock-timeout', '30s'], { cwd, env });
      expect(rerun.exitCode, rerun.stderr).toBe(0);
      for (const intent of open) {
        expect(rerun.stdout).toMatch(new RegExp(`^ {2}${escape(intent.address)}: started ${escape(intent.time)} by .+, outcome unknown, now observed as (done|still to do)`, 'm'));
        reported += 1;
      }
      expect(purchasedTotals(cwd)).toEqual(CONVERGED_TOTALS);
      expect((await runCli(['plan', '--detailed-exitcode'], { cwd })).exitCode).toBe(0);

      // Every change happened exactly once: applied with an outcome, or observed done after a kill.
      const lines = readAudit(file);
      const madeBy = new Map<string, number>();
      for (const line of lines) {
        const made = (line.event === 'outcome' && line.outcome === 'applied') || (line.event === 'observed' && line.observation?.startsWith('done'));
        if (made) madeBy.set(line.address, (madeBy.get(line.address) ?? 0) + 1);
      }
      expect([...madeBy.values()].every((count) => count === 1), JSON.stringify([...madeBy])).toBe(true);
      expect(madeBy.size).toBe(new Set(lines.filter((line) => line.event === 'intent').map((line) => line.address)).size);
      const unsettled = lines.filter((line) => line.event === 'intent' && !lines.some((other) => other.id === line.id && other.event !== 'intent'));
      expect(unsettled).toEqual([]);
    }
    expect(kills).toBeGreaterThanOrEqual(6);
    expect(reported).toBeGreaterThan(0);
  }, 300_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
