/**
 * The apply lock of a Windows estate, for real: concurrent `rdsctl apply` processes against the
 * contoso example on Windows hosts (the double behind a loopback sshd, PowerShell remoting over
 * SSH). The lock is a file under the lock host's (lic01's) own ProgramData. Exactly one apply
 * acts; one that waits (--lock-timeout) then finds nothing left to do; one that does not wait
 * fails at once naming the holder. Then force-unlock against the Windows estate.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import type { LockRecord } from '../../src/lock/lock-record.js';
import { runCli, startCli } from '../support/run-cli.js';
import type { LoopbackSshd } from './loopback-sshd.js';
import { describeWindows } from './windows-test-gate.js';
import type { DoubleDirectory } from './windows-double-fixtures.js';
import { DC01, LIC01, LIC02, startContosoOverSsh } from './contoso-over-ssh.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describeWindows('cli-lock-over-ssh', ({ pwsh, sshd }) => {
  let double: DoubleDirectory;
  let server: LoopbackSshd;
  let directory: string;
  let lockFile: string;
  const env = (): Record<string, string> => ({ RDSCTL_POWERSHELL: pwsh });

  beforeAll(async () => {
    ({ double, server, directory } = await startContosoOverSsh({ pwsh, sshd }));
    lockFile = path.join(double.programData(LIC01), 'rdsctl', 'locks', 'contoso.lock');
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('of two applies started together exactly one acts, the other waits and finds nothing to do; one that does not wait fails naming the holder', async () => {
    const applies = [0, 1].map(() => startCli(['apply', '-f', 'rds.yaml', '--auto-approve', '--lock-timeout', '15m'], { cwd: directory, env: env() }));
    // Should this test fail early, its applies must not outlive it and take the next test's lock.
    onTestFinished(async () => {
      for (const run of applies) run.child.kill('SIGKILL');
      await Promise.all(applies.map((run) => run.done));
    });
    const deadline = Date.now() + 300_000;
    let holder: LockRecord | undefined;
    while (holder === undefined && Date.now() < deadline) {
      // Absent until one of them takes it, and empty or half-written for the moment it is being
      // written (the provider holds it open with FileShare.None, the double cannot).
      holder = await readFile(lockFile, 'utf8').then((text) => JSON.parse(text) as LockRecord).catch(() => undefined);
      if (holder === undefined) await sleep(200);
    }
    if (holder === undefined) throw new Error('neither apply took the lock');

    const impatient = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd: directory, env: env() });
    const [first, second] = await Promise.all(applies.map((run) => run.done));
    expect(impatient.exitCode, impatient.stdout + impatient.stderr).toBe(1);
    expect(impatient.stderr).toContain(`Error: the apply lock of deployment contoso is held by ${holder.owner.user} on ${holder.owner.machine} (apply) since ${holder.acquiredAt}\n`);
    expect(impatient.stderr).toContain(`  lock: ${LIC01}: ${lockFile}\n`);
    expect(impatient.stderr).toMatch(/release it now with: rdsctl force-unlock [0-9a-f-]{36}\n/);
    expect(impatient.stdout).not.toContain('Plan:');

    expect([first?.exitCode, second?.exitCode], `${first?.stdout}${first?.stderr}\n----\n${second?.stdout}${second?.stderr}`).toEqual([0, 0]);
    const outputs = [first?.stdout ?? '', second?.stdout ?? ''];
    expect(outputs.filter((text) => text.includes('licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]'))).toHaveLength(1);
    expect(outputs.filter((text) => text.includes('No changes'))).toHaveLength(1);

    // The 150 missing licences went in once, not twice; every other change was made once.
    const installs = (await double.journal(LIC01)).filter((entry) => entry['method'] === 'InstallAgreementLicenseKeyPack');
    expect(installs).toHaveLength(1);
    expect(installs[0]?.['arguments']).toMatchObject({ LicenseCount: 150 });
    expect(await double.journal('kiosk02.corp.contoso.com')).toHaveLength(1);
    expect(await double.journal('kiosk03.corp.contoso.com')).toHaveLength(1);
    expect(await double.journal(DC01)).toEqual([]);
    // Released at the end; the other licence server never held a lock.
    expect(existsSync(lockFile)).toBe(false);
    expect(existsSync(path.join(double.programData(LIC02), 'rdsctl', 'locks'))).toBe(false);
  }, 900_000);

  it('force-unlock releases a lock a killed run left on the lock host, by its id only', async () => {
    const left: LockRecord = {
      formatVersion: 1,
      id: 'b1e2c3d4-0000-4000-8000-000000000001',
      operation: 'apply',
      owner: { user: 'carol', machine: 'build-9', ciRunId: 'github:77' },
      acquiredAt: '2026-12-01T09:00:00.000Z',
      renewedAt: '2026-12-01T09:00:00.000Z',
      expiresAt: '2099-01-01T00:00:00.000Z',
    };
    await mkdir(path.dirname(lockFile), { recursive: true });
    await writeFile(lockFile, `${JSON.stringify(left)}\n`);

    const blocked = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd: directory, env: env() });
    expect(blocked.exitCode).toBe(1);
    expect(blocked.stderr).toContain('Error: the apply lock of deployment contoso is held by carol on build-9 (CI run github:77) (apply) since 2026-12-01T09:00:00.000Z\n');
    expect(blocked.stderr).toContain(`release it now with: rdsctl force-unlock ${left.id}\n`);

    const wrong = await runCli(['force-unlock', 'b1e2c3d4-0000-4000-8000-000000000009', '--auto-approve'], { cwd: directory, env: env() });
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr).toContain(`lock b1e2c3d4-0000-4000-8000-000000000009 is not the apply lock of deployment contoso: lock ${left.id} holds it now`);
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toEqual(left);

    const released = await runCli(['force-unlock', left.id, '--auto-approve'], { cwd: directory, env: env() });
    expect(released.exitCode, released.stderr).toBe(0);
    expect(released.stderr).toContain(`Lock ${left.id} of deployment contoso is held by carol on build-9 (CI run github:77) (apply) since 2026-12-01T09:00:00.000Z.\n`);
    expect(released.stdout).toBe(`Released lock ${left.id} of deployment contoso (${LIC01}: ${lockFile}).\n`);
    expect(existsSync(lockFile)).toBe(false);
  }, 600_000);
});
