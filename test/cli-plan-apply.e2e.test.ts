/**
 * The CLI as a user runs it, on a private copy of the Contoso example: the first plan shows
 * every kind of drift, apply converges, and the second plan is empty.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { REPO_ROOT, copyExample, runCli } from './support/run-cli.js';

function golden(name: string, actual: string): void {
  const file = path.join(REPO_ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

function schema(name: string): object {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', name), 'utf8')) as object;
}

describe('rdsctl plan and apply on the Contoso example', () => {
  it('plans every kind of drift, converges on apply, and then has nothing to do', async () => {
    const cwd = copyExample('contoso');

    const first = await runCli(['plan', '-f', 'rds.yaml', '--detailed-exitcode'], { cwd });
    expect(first.stderr).toMatch(/^Read 17 host\(s\) and 1 GPO\(s\) in \d+ ms\.\nApply will need this secret, resolved before its first change: file \.\/secrets\/lab-agreement-number\.txt\.\n$/);
    expect(first.exitCode).toBe(2);
    golden('contoso-plan.txt', first.stdout);

    const apply = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd });
    expect(apply.exitCode).toBe(0);
    expect(apply.stdout).toContain('Apply complete: 6 applied.');
    expect(apply.stderr).toContain('12 host(s) now report their GPO\'s values; 0 still wait for a Group Policy refresh.');

    const second = await runCli(['plan', '-f', 'rds.yaml', '--detailed-exitcode'], { cwd });
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain('No changes. The estate matches the spec.');

    const again = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).not.toContain('Apply complete');

    const audit = readFileSync(path.join(cwd, '.rdsctl', 'audit.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { address: string; outcome: string });
    expect(audit.map((entry) => `${entry.address} ${entry.outcome}`)).toContain('licenseServer[lic02.corp.contoso.com].keyPack[ea-2022-device] applied');
    expect(readFileSync(path.join(cwd, '.rdsctl', 'audit.jsonl'), 'utf8')).not.toContain('1234567');
  });

  it('renders the plan as JSON that validates against the published schema, and as markdown', async () => {
    const cwd = copyExample('contoso');
    const json = await runCli(['plan', '-f', 'rds.yaml', '--json'], { cwd });
    expect(json.exitCode).toBe(0);
    const plan = JSON.parse(json.stdout) as { formatVersion: number; summary: object };
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema('plan.schema.json'));
    expect(validate(plan), JSON.stringify(validate.errors)).toBe(true);
    expect(plan.summary).toEqual({ create: 1, update: 5, delete: 0, refused: 0, pending: 12, unknown: 0 });
    expect(json.stdout).not.toContain('1234567');

    const markdown = await runCli(['plan', '-f', 'rds.yaml', '--format', 'markdown'], { cwd });
    golden('contoso-plan.md', markdown.stdout);
  });

  it('never writes the pristine example estate, and lab reset starts again', async () => {
    const cwd = copyExample('contoso');
    const pristine = readFileSync(path.join(cwd, 'estate.yaml'), 'utf8');
    await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd });
    expect(readFileSync(path.join(cwd, 'estate.yaml'), 'utf8')).toBe(pristine);
    expect((await runCli(['plan', '-f', 'rds.yaml', '--detailed-exitcode'], { cwd })).exitCode).toBe(0);

    const reset = await runCli(['lab', 'reset', '-f', 'rds.yaml'], { cwd });
    expect(reset.exitCode).toBe(0);
    expect((await runCli(['plan', '-f', 'rds.yaml', '--detailed-exitcode'], { cwd })).exitCode).toBe(2);
  });

  it('limits plan and apply to --target and what it depends on', async () => {
    const cwd = copyExample('contoso');
    const target = 'licenseServer[LIC02.corp.contoso.com].keyPack[ea-2022-device]';
    const plan = await runCli(['plan', '-f', 'rds.yaml', '--json', '--target', target], { cwd });
    const addresses = (JSON.parse(plan.stdout) as { changes: { address: string }[] }).changes.map((change) => change.address);
    expect(addresses).toEqual(['licenseServer[lic02.corp.contoso.com].keyPack[ea-2022-device]']);

    const apply = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve', '--target', target], { cwd });
    expect(apply.exitCode).toBe(0);
    expect(apply.stdout).toContain('Apply complete: 1 applied.');
  });

  it('refuses to apply without a terminal unless --auto-approve is given', async () => {
    const cwd = copyExample('contoso');
    const result = await runCli(['apply', '-f', 'rds.yaml'], { cwd });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toBe(
      'Error: apply needs confirmation, but there is no terminal to ask on\nHint: run rdsctl plan to review the changes, then rdsctl apply --auto-approve (as in CI)\n',
    );
    expect(existsSync(path.join(cwd, '.rdsctl'))).toBe(false);
  });

  it('marks an unreachable host unknown, still plans the others, and exits 1', async () => {
    const cwd = copyExample('contoso');
    const estate = path.join(cwd, 'estate.yaml');
    writeFileSync(estate, readFileSync(estate, 'utf8').replace('- host: kiosk02.corp.contoso.com', '- host: kiosk02.corp.contoso.com\n    lab: { reachable: false }'));
    const result = await runCli(['plan', '-f', 'rds.yaml', '--detailed-exitcode'], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('kiosk02.corp.contoso.com');
    expect(result.stdout).not.toContain('# sessionHost[kiosk02.corp.contoso.com] will be updated');
    expect(result.stdout).toContain('# sessionHost[kiosk03.corp.contoso.com] will be updated');
  });
});
