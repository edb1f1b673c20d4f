/**
 * Secret files a spec must not reach: a file outside the spec's folder (directly or through a
 * symbolic link) is refused unless RDSCTL_SECRET_FILES_ANYWHERE=1; a value of the wrong shape is
 * refused without being shown.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, runCli } from './support/run-cli.js';

const SECRET = './secrets/lab-agreement-number.txt';

function pointSecretAt(cwd: string, reference: string): void {
  const spec = path.join(cwd, 'rds.yaml');
  writeFileSync(spec, readFileSync(spec, 'utf8').replaceAll(SECRET, reference));
}

describe('hostile secret files', () => {
  it('refuses a secret file outside the spec folder and names where it resolves', async () => {
    const cwd = copyExample('contoso');
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-elsewhere-'));
    writeFileSync(path.join(elsewhere, 'ea.txt'), '7654321\n');
    const reference = path.relative(cwd, path.join(elsewhere, 'ea.txt'));
    pointSecretAt(cwd, reference);
    const apply = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd });
    expect(apply.exitCode).toBe(3);
    expect(apply.stderr).toContain(`secret file ${reference} resolves to ${path.join(elsewhere, 'ea.txt')}, outside the spec's folder ${cwd}\n`);
    expect(apply.stdout + apply.stderr).not.toContain('7654321');

    const allowed = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd, env: { RDSCTL_SECRET_FILES_ANYWHERE: '1' } });
    expect(allowed.exitCode).toBe(0);
  });

  it('refuses a symbolic link inside the folder that leads outside it', async () => {
    const cwd = copyExample('contoso');
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-elsewhere-'));
    writeFileSync(path.join(elsewhere, 'id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY-----\n');
    rmSync(path.join(cwd, SECRET));
    symlinkSync(path.join(elsewhere, 'id_ed25519'), path.join(cwd, SECRET));
    const apply = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd });
    expect(apply.exitCode).toBe(3);
    expect(apply.stderr).toContain(`resolves to ${path.join(elsewhere, 'id_ed25519')}, outside the spec's folder ${cwd}\n`);
    expect(apply.stdout + apply.stderr).not.toContain('OPENSSH');
  });

  it('refuses a secret of the wrong shape without showing it', async () => {
    const cwd = copyExample('contoso');
    writeFileSync(path.join(cwd, SECRET), '-----BEGIN OPENSSH PRIVATE KEY-----\n');
    const apply = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd });
    expect(apply.exitCode).toBe(3);
    expect(apply.stderr).toContain('agreementNumber: the agreement number must be 7 digits; the value given is not (it is not shown)\n');
    expect(apply.stdout).not.toContain('applied');
    expect(apply.stdout + apply.stderr).not.toContain('OPENSSH');
  });
});
