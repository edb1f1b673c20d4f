/**
 * `rdsctl export` through the windows provider: the example estate as Windows hosts (the
 * PowerShell double over real loopback SSH remoting), exported from a spec's connection, then
 * planned: no changes, and nothing written to any host.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import type { LoopbackSshd } from './loopback-sshd.js';
import { describeWindows } from './windows-test-gate.js';
import type { DoubleDirectory } from './windows-double-fixtures.js';
import { DC01, FINANCE, LIC01, LIC02, startContosoOverSsh } from './contoso-over-ssh.js';

describeWindows('cli-export-over-ssh', ({ pwsh, sshd }) => {
  let double: DoubleDirectory;
  let server: LoopbackSshd;
  let directory: string;

  beforeAll(async () => {
    ({ double, server, directory } = await startContosoOverSsh({ pwsh, sshd }));
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('exports the estate over PowerShell remoting; a plan of the export changes nothing', async () => {
    const env = { RDSCTL_POWERSHELL: pwsh };
    const exported = await runCli(['export', '-f', 'rds.yaml', '--out', 'exported.yaml'], { cwd: directory, env });
    expect(exported.exitCode, exported.stderr).toBe(0);
    const spec = parse(await readFile(path.join(directory, 'exported.yaml'), 'utf8'));
    expect(spec.connection.provider).toBe('windows');
    expect(spec.licenseServers.map((server: { host: string; keyPacks: { name: string; quantity: number }[] }) => [server.host, server.keyPacks.map((pack) => [pack.name, pack.quantity])])).toEqual([
      [LIC01, [['volume-2022-user', 100], ['volume-2022-device', 50]]],
      [LIC02, [['volume-2022-user', 100], ['volume-2022-device', 25]]],
    ]);
    expect(spec.sessionHostPools.find((pool: { configuredBy: unknown }) => typeof pool.configuredBy === 'object')).toMatchObject({
      hosts: ['rdsh[01:03].corp.contoso.com'],
      configuredBy: { gpo: 'RDS Licensing - Finance' },
    });
    expect(spec.externalLicenseServers).toEqual(['lic-old.corp.contoso.com']);

    const plan = await runCli(['plan', '-f', 'exported.yaml', '--detailed-exitcode'], { cwd: directory, env });
    expect(plan.exitCode, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes');
    for (const host of [LIC01, LIC02, DC01, ...FINANCE]) expect(await double.journal(host)).toEqual([]);
  }, 600_000);
});
