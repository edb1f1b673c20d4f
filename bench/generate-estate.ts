/**
 * Generates a large lab estate and its spec for benchmarks: `hosts` session hosts in `pools`
 * pools (half configured by GPOs, half locally), `servers` licence servers, with a little
 * drift so the plan has real work to group and render. With `distinctDrifts`, that many locally
 * configured hosts each list a licence server of their own, so no two of their changes group:
 * the worst case for the renderers.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { LiveHost, LiveState } from '../src/model/live-state.js';
import type { Spec } from '../src/model/spec.js';

export interface GeneratedEstate {
  specFile: string;
  estateFile: string;
}

export async function generateEstate(directory: string, options: { hosts: number; pools: number; servers: number; distinctDrifts?: number }): Promise<GeneratedEstate> {
  await mkdir(directory, { recursive: true });
  const servers = Array.from({ length: options.servers }, (_, i) => `lic${pad(i + 1, 2)}.bench.example.com`);
  const perPool = Math.ceil(options.hosts / options.pools);
  const spec: Spec = {
    apiVersion: 'rdsctl/v1',
    deployment: 'bench',
    connection: { provider: 'lab', estate: './estate.json' },
    licenseServers: servers.map((host) => ({
      host,
      os: 'windowsServer2022',
      service: 'running',
      firewall: { ruleGroup: 'enabled' },
      discovery: { scope: 'domain', publishInAD: true },
      keyPacks: [
        { name: 'user', program: 'enterpriseAgreement', agreementNumber: { env: 'BENCH_EA' }, product: 'windowsServer2022', type: 'perUser', quantity: 1000 },
        { name: 'device', program: 'enterpriseAgreement', agreementNumber: { env: 'BENCH_EA' }, product: 'windowsServer2022', type: 'perDevice', quantity: 500 },
      ],
    })),
    sessionHostPools: [],
    gpos: [],
  };
  const state: LiveState = { formatVersion: 1, hosts: [], gpos: [], errors: [] };
  for (const server of servers) state.hosts.push(liveServer(server, servers.indexOf(server) % 7 === 0));
  let distinctLeft = options.distinctDrifts ?? 0;

  for (let p = 0; p < options.pools; p += 1) {
    const name = `pool${pad(p + 1, 3)}`;
    const first = p * perPool + 1;
    const last = Math.min(options.hosts, (p + 1) * perPool);
    if (first > last) break;
    const width = String(options.hosts).length;
    const pattern = `rdsh[${pad(first, width)}:${pad(last, width)}].${name}.bench.example.com`;
    const list = [servers[p % servers.length] as string, servers[(p + 1) % servers.length] as string];
    const byGpo = p % 2 === 0;
    const ou = `OU=${name},OU=RDS,DC=bench,DC=example,DC=com`;
    if (byGpo) {
      const gpo = `RDS Licensing - ${name}`;
      spec.sessionHostPools!.push({ name, hosts: [pattern], os: 'windowsServer2022', configuredBy: { gpo } });
      spec.gpos!.push({ name: gpo, domain: 'bench.example.com', links: [ou], licensingMode: 'perUser', licenseServers: list });
      state.gpos.push({ name: gpo, domain: 'bench.example.com', exists: true, links: [ou], licensingMode: 'perUser', licenseServers: p % 10 === 0 ? [list[0] as string] : list });
    } else {
      spec.sessionHostPools!.push({ name, hosts: [pattern], os: 'windowsServer2022', configuredBy: 'local', licensingMode: 'perDevice', licenseServers: list });
    }
    for (let n = first; n <= last; n += 1) {
      const distinct = !byGpo && distinctLeft > 0;
      if (distinct) distinctLeft -= 1;
      const served = distinct ? [...list, `retired${pad(n, width)}.bench.example.com`] : n % 20 === 0 ? [list[1] as string, list[0] as string] : list;
      state.hosts.push(liveSessionHost(`rdsh${pad(n, width)}.${name}.bench.example.com`, byGpo ? 'policy' : 'local', byGpo ? 'perUser' : 'perDevice', served, ou, n));
    }
  }
  const specFile = path.join(directory, 'rds.yaml');
  const estateFile = path.join(directory, 'estate.json');
  await writeFile(specFile, stringify(spec));
  await writeFile(estateFile, JSON.stringify(state));
  return { specFile, estateFile };
}

function liveServer(host: string, drifted: boolean): LiveHost {
  return {
    host,
    os: 'windowsServer2022',
    licenseServer: {
      activation: { status: 'activated', contactComplete: true },
      discovery: { scope: 'domain', publishedInAD: true, inLicenseServersGroup: true },
      service: { state: 'running' },
      firewall: { ruleGroup: drifted ? 'disabled' : 'enabled', rules: [{ name: 'TermServLicensing-In-TCP', enabled: !drifted }] },
      keyPacks: [
        { keyPackId: 1, productVersionId: 7, product: 'windowsServer2022', type: 'perUser', channel: 'volume', total: 1000, issued: 400, available: 600 },
        { keyPackId: 2, productVersionId: 7, product: 'windowsServer2022', type: 'perDevice', channel: 'volume', total: drifted ? 400 : 500, issued: 100, available: drifted ? 300 : 400 },
      ],
      issuedLicenses: issuedLicenses(host),
    },
  };
}

/** ISSUED_PER_SERVER per-device licences (20,000 across 20 servers): mostly active, some expired or revoked. */
const ISSUED_PER_SERVER = 1_000;
const DAY = 86_400_000;
const BASE_TIME = Date.UTC(2026, 9, 1);

function issuedLicenses(server: string): NonNullable<NonNullable<LiveHost['licenseServer']>['issuedLicenses']> {
  return Array.from({ length: ISSUED_PER_SERVER }, (_, i) => {
    const issuedAt = BASE_TIME + (i % 60) * DAY;
    return {
      keyPackId: 2,
      licenseId: i + 1,
      issuedToComputer: `PC-${server.split('.')[0]}-${pad(i + 1, 4)}`,
      issuedAt: new Date(issuedAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      expiresAt: new Date(issuedAt + (52 + (i % 38)) * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      status: i % 50 === 0 ? ('revoked' as const) : ('active' as const),
    };
  });
}

function liveSessionHost(host: string, source: 'local' | 'policy', mode: 'perUser' | 'perDevice', list: string[], ou: string, n: number): LiveHost {
  const policy = source === 'policy';
  return {
    host,
    os: 'windowsServer2022',
    sessionHost: {
      roleInstalled: true,
      licensingMode: { local: policy ? 'notConfigured' : mode, policy: policy ? mode : null, effective: mode, source },
      licenseServers: { local: policy ? [] : list, policy: policy ? list : null, effective: list, source },
      graceDaysLeft: n % 120,
      termService: { state: 'running' },
      activeSessions: n % 5,
      ou,
    },
  };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
