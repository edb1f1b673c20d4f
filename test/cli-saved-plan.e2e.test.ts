/**
 * Saved plans as a user runs them: plan --out, then apply FILE; the same file refused once the
 * estate moved behind it, and a hand-edited file refused as invalid.
 */
import { readFileSync, writeFileSync } from 'node:fs';
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
});
