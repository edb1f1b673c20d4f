/**
 * `rdsctl export` through the windows provider: the example estate as Windows hosts (the
 * PowerShell double over real loopback SSH remoting), exported from a spec's connection, then
 * planned: no changes, and nothing written to any host.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'yaml';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyExample, runCli } from '../support/run-cli.js';
import { startLoopbackSshd, type LoopbackSshd } from './loopback-sshd.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, keyPack, LICENSING_RULES, licenseServerState, managementHostState, sessionHostState, type DoubleDirectory, type DoubleState } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const LIC02 = 'lic02.corp.contoso.com';
const DC01 = 'dc01.corp.contoso.com';
/** The example's finance pool, cut from twelve hosts to three: each host read starts a remote shell. */
const FINANCE = Array.from({ length: 3 }, (_, i) => `rdsh${String(i + 1).padStart(2, '0')}.corp.contoso.com`);

/** The example estate as Windows hosts, with drift on lic01, kiosk02 and kiosk03. */
function exampleHosts(): Record<string, DoubleState> {
  const hosts: Record<string, DoubleState> = {
    [LIC01]: licenseServerState({ keyPacks: [keyPack({ id: 1, productType: 1, total: 100, issued: 60 }), keyPack({ id: 2, productType: 0, total: 50, issued: 10 })] }),
    [LIC02]: licenseServerState({
      keyPacks: [keyPack({ id: 1, productType: 1, total: 100, issued: 30 }), keyPack({ id: 2, productType: 0, total: 25, issued: 5 })],
      firewallRules: LICENSING_RULES.map((rule) => ({ ...rule, Enabled: 'True' })),
    }),
    'kiosk01.corp.contoso.com': sessionHostState({ localMode: 2, localServers: [LIC02, LIC01], connectivity: { [LIC02]: 11, [LIC01]: 11 } }),
    'kiosk02.corp.contoso.com': sessionHostState({ localMode: 2, localServers: ['lic-old.corp.contoso.com'] }),
    'kiosk03.corp.contoso.com': sessionHostState({ localMode: 4, localServers: [LIC02, LIC01], connectivity: { [LIC02]: 11, [LIC01]: 11 } }),
    [DC01]: managementHostState([
      { Name: 'RDS Licensing - Finance', Domain: 'corp.contoso.com', Values: { LicensingMode: 4, LicenseServers: `${LIC01},${LIC02}` }, Links: ['OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com'] },
    ]),
  };
  for (const host of FINANCE) hosts[host] = sessionHostState({ policyMode: 4, policyServers: `${LIC01},${LIC02}`, connectivity: { [LIC01]: 11, [LIC02]: 11 } });
  return hosts;
}

describeWindows('cli-export-over-ssh', ({ pwsh, sshd }) => {
  let double: DoubleDirectory;
  let server: LoopbackSshd;
  let directory: string;

  beforeAll(async () => {
    const hosts = exampleHosts();
    const addresses = Object.fromEntries(Object.keys(hosts).map((host, i) => [host, `127.0.0.${i + 2}`]));
    double = await createDoubleDirectory(hosts, Object.fromEntries(Object.entries(addresses).map(([host, address]) => [address, host])));
    server = await startLoopbackSshd({ sshd, pwsh, double });
    directory = copyExample('contoso');
    const specFile = path.join(directory, 'rds.yaml');
    const connection = [
      'connection:',
      '  provider: windows',
      '  transport: psrp-ssh',
      `  user: ${server.user}`,
      `  port: ${server.port}`,
      `  keyFile: ${server.keyFile}`,
      `  knownHostsFile: ${server.knownHostsFile}`,
      `  gpoManagementHost: ${DC01}`,
      '  timeoutSeconds: 60',
      '  addresses:',
      ...Object.entries(addresses).map(([host, address]) => `    ${host}: ${address}`),
    ].join('\n');
    const spec = (await readFile(specFile, 'utf8'))
      .replace(/^connection:\n(?:[ \t]+.*\n)+/m, `${connection}\n`)
      .replace('"rdsh[01:12].corp.contoso.com"', `"rdsh[01:${String(FINANCE.length).padStart(2, '0')}].corp.contoso.com"`);
    expect(spec).toContain('"rdsh[01:03].corp.contoso.com"');
    await writeFile(specFile, spec);
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
