/**
 * Saved plans as a user runs them: plan --out, then apply FILE; the same file refused once the
 * estate moved behind it, and a hand-edited file refused as invalid.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../src/render/fixtures/compile-schema.js';
import { copyExample, runCli } from './support/run-cli.js';

describe('rdsctl plan --out and apply FILE', () => {
  it('applies a fresh saved plan exactly, then has nothing to do', async () => {
    const cwd = copyExample('contoso');
    const plan = await runCli(['plan', '--out', 'plan.json'], { cwd });
    expect(plan.exitCode).toBe(0);
    const saved = JSON.parse(readFileSync(path.join(cwd, 'plan.json'), 'utf8')) as { format: string; checksum: string; specDigest: string; plan: { changes: unknown[] } };
    expect(saved.format).toBe('rdsctl-saved-plan');
    expect(saved.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(saved.specDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(readFileSync(path.join(cwd, 'plan.json'), 'utf8')).not.toMatch(/password/i);
    const validate = compileSchema('saved-plan.schema.json', ['plan.schema.json']);
    expect(validate(saved), JSON.stringify(validate.errors)).toBe(true);

    const apply = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd });
    expect(apply.exitCode).toBe(0);
    expect(apply.stdout).toContain(`Apply complete: ${saved.plan.changes.length} applied.`);

    const after = await runCli(['plan', '--detailed-exitcode'], { cwd });
    expect(after.exitCode).toBe(0);
  });

  it('refuses a plan whose live values moved, naming the address and the property', async () => {
    const cwd = copyExample('contoso');
    expect((await runCli(['plan', '--out', 'plan.json'], { cwd })).exitCode).toBe(0);
    expect((await runCli(['apply', '--auto-approve'], { cwd })).exitCode).toBe(0);

    const stale = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd });
    expect(stale.exitCode).toBe(1);
    expect(stale.stdout).toBe('');
    const lines = stale.stderr.split('\n');
    expect(lines).toContain('Error: stale plan: gpo[RDS Licensing - Finance]: gpo.licenseServers ["lic01.corp.contoso.com"] → ["lic01.corp.contoso.com","lic02.corp.contoso.com"] since the plan was made');
    expect(lines).toContain('  stale plan: licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]: licenseServer.installedLicences[windowsServer2022 perUser volume] 200 → 250 since the plan was made');
    expect(lines).toContain('  stale plan: licenseServer[lic02.corp.contoso.com].keyPack[ea-2022-device]: licenseServer.installedLicences[windowsServer2022 perDevice volume] 0 → 25 since the plan was made');
    expect(lines).toContain('  stale plan: licenseServer[lic02.corp.contoso.com].firewall: licenseServer.firewall.ruleGroup disabled → enabled since the plan was made');
    expect(stale.stderr).toContain('nothing was changed; plan again with rdsctl plan --out plan.json');

    const json = await runCli(['apply', 'plan.json', '--auto-approve', '--json'], { cwd });
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout || json.stderr)).toMatchObject({ error: { code: 'STALE_PLAN' } });
  });

  it('refuses a hand-edited or truncated plan with exit 3', async () => {
    const cwd = copyExample('contoso');
    expect((await runCli(['plan', '--out', 'plan.json'], { cwd })).exitCode).toBe(0);
    const file = path.join(cwd, 'plan.json');
    const text = readFileSync(file, 'utf8');
    const edit = text.replace('"targetTotal": 250', '"targetTotal": 2500').replace('"windowsServer2022 perUser volume": 200', '"windowsServer2022 perUser volume": 2250');
    expect(edit).not.toBe(text);
    writeFileSync(file, edit);
    const edited = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd });
    expect(edited.exitCode).toBe(3);
    expect(edited.stderr).toContain('Error: plan.json is not a usable saved plan: its content does not match its checksum');

    writeFileSync(file, text.slice(0, text.length / 2));
    const truncated = await runCli(['apply', 'plan.json', '--auto-approve'], { cwd });
    expect(truncated.exitCode).toBe(3);
    expect(truncated.stderr).toMatch(/^Error: plan\.json is not a usable saved plan: it is not JSON .*it may be truncated\n/);
  });

  it('answers a Terraform-style -out with a hint', async () => {
    const cwd = copyExample('contoso');
    const result = await runCli(['plan', '-out', 'plan.json'], { cwd });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('did you mean --out?');
  });

  it('shows a saved plan as text, JSON and markdown without reading any host or the spec', async () => {
    const cwd = copyExample('contoso');
    expect((await runCli(['plan', '--out', 'plan.json'], { cwd })).exitCode).toBe(0);
    const saved = JSON.parse(readFileSync(path.join(cwd, 'plan.json'), 'utf8')) as { createdAt: string; specDigest: string; plan: unknown };
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-show-'));
    copyFileSync(path.join(cwd, 'plan.json'), path.join(elsewhere, 'plan.json'));

    const text = await runCli(['show', 'plan.json'], { cwd: elsewhere });
    expect(text.exitCode).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Saved plan plan.json: made ${saved.createdAt} by rdsctl 0.1.0 for deployment contoso (provider lab), from a spec with digest ${saved.specDigest}.`);
    expect(lines).toContain('Plan: 1 to create, 5 to update, 0 to delete, 0 refused. 12 hosts pending policy refresh.');
    expect(lines.at(-1)).toBe('Not checked against the estate: rdsctl show plan.json --check re-reads the estate and checks it.');

    const json = await runCli(['show', 'plan.json', '--json'], { cwd: elsewhere });
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(saved.plan);

    const markdown = await runCli(['show', 'plan.json', '--format', 'markdown'], { cwd: elsewhere });
    expect(markdown.exitCode).toBe(0);
    expect(markdown.stdout).toContain('| Freshness | not checked: rdsctl show plan.json --check re-reads the estate and checks it |');

    const check = await runCli(['show', 'plan.json', '--check'], { cwd: elsewhere });
    expect(check.exitCode).toBe(3);
    expect(check.stderr).toBe('Error: rds.yaml: no such file\nHint: rdsctl looks for ./rds.yaml; pass -f PATH\n');
  });

  it('show FILE --check: exit 0 while fresh, exit 1 naming what moved once stale', async () => {
    const cwd = copyExample('contoso');
    expect((await runCli(['plan', '--out', 'plan.json'], { cwd })).exitCode).toBe(0);
    const fresh = await runCli(['show', 'plan.json', '--check'], { cwd });
    expect(fresh.exitCode).toBe(0);
    expect(fresh.stdout.trimEnd().split('\n').at(-1)).toBe('Fresh: the spec is the one planned from, and no live value behind its 6 changes moved.');

    expect((await runCli(['apply', '--auto-approve'], { cwd })).exitCode).toBe(0);
    const stale = await runCli(['show', 'plan.json', '--check'], { cwd });
    expect(stale.exitCode).toBe(1);
    expect(stale.stdout.trimEnd().split('\n').at(-1)).toBe('Stale: 13 value(s) moved since the plan was made; apply would refuse it.');
    expect(stale.stderr.split('\n')).toContain('  stale plan: licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]: licenseServer.installedLicences[windowsServer2022 perUser volume] 200 → 250 since the plan was made');

    const markdown = await runCli(['show', 'plan.json', '--check', '--format', 'markdown'], { cwd });
    expect(markdown.exitCode).toBe(1);
    expect(markdown.stdout).toContain('| Freshness | **stale**: 13 values moved since the plan was made; apply refuses it until it is planned again |');

    const json = await runCli(['show', 'plan.json', '--check', '--json'], { cwd });
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'STALE_PLAN', exitCode: 1 } });
  });

  it('apply FILE -f SPEC refuses a spec other than the one planned from, naming both files and digests', async () => {
    const cwd = copyExample('contoso');
    expect((await runCli(['plan', '--out', 'plan.json'], { cwd })).exitCode).toBe(0);
    const saved = JSON.parse(readFileSync(path.join(cwd, 'plan.json'), 'utf8')) as { specDigest: string };
    writeFileSync(path.join(cwd, 'other.yaml'), `${readFileSync(path.join(cwd, 'rds.yaml'), 'utf8')}\n# reviewed elsewhere\n`);
    const { createHash } = await import('node:crypto');
    const otherDigest = `sha256:${createHash('sha256').update(readFileSync(path.join(cwd, 'other.yaml'))).digest('hex')}`;

    const apply = await runCli(['apply', 'plan.json', '-f', 'other.yaml', '--auto-approve'], { cwd });
    expect(apply.exitCode).toBe(1);
    expect(apply.stdout).toBe('');
    expect(apply.stderr).toBe(
      `Error: stale plan: the spec other.yaml has digest ${otherDigest}, but plan.json was made from a spec with digest ${saved.specDigest}\n` +
        'Hint: nothing was changed; plan again with rdsctl plan --out plan.json and review the new plan\n',
    );
    const unchanged = await runCli(['plan', '--detailed-exitcode'], { cwd });
    expect(unchanged.exitCode).toBe(2);
  });
});
