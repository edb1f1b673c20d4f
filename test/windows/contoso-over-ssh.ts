/**
 * The contoso example estate as Windows hosts: the PowerShell double behind a real loopback sshd,
 * and a copy of the example whose spec reaches them over PowerShell remoting (psrp-ssh).
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { expect } from 'vitest';
import { copyExample } from '../support/run-cli.js';
import { startLoopbackSshd, type LoopbackSshd } from './loopback-sshd.js';
import { createDoubleDirectory, keyPack, LICENSING_RULES, licenseServerState, managementHostState, sessionHostState, type DoubleDirectory, type DoubleState } from './windows-double-fixtures.js';

export const LIC01 = 'lic01.corp.contoso.com';
export const LIC02 = 'lic02.corp.contoso.com';
export const DC01 = 'dc01.corp.contoso.com';
/** The example's finance pool, cut from twelve hosts to three: each host read starts a remote shell. */
export const FINANCE = Array.from({ length: 3 }, (_, i) => `rdsh${String(i + 1).padStart(2, '0')}.corp.contoso.com`);

/** The example estate as Windows hosts, with drift on lic01, kiosk02 and kiosk03. */
export function exampleHosts(): Record<string, DoubleState> {
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

export interface ContosoOverSsh {
  double: DoubleDirectory;
  server: LoopbackSshd;
  /** The example's copy, its rds.yaml pointed at the loopback hosts. */
  directory: string;
}

export async function startContosoOverSsh({ pwsh, sshd }: { pwsh: string; sshd: string }): Promise<ContosoOverSsh> {
    const hosts = exampleHosts();
    const addresses = Object.fromEntries(Object.keys(hosts).map((host, i) => [host, `127.0.0.${i + 2}`]));
    const double = await createDoubleDirectory(hosts, Object.fromEntries(Object.entries(addresses).map(([host, address]) => [address, host])));
    const server = await startLoopbackSshd({ sshd, pwsh, double });
    const directory = copyExample('contoso');
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
  return { double, server, directory };
}
