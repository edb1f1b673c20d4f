import { afterEach, describe, expect, it } from 'vitest';
import type { LiveHost } from '../../model/live-state.js';
import type { ApplyRequest } from '../provider.js';
import { createLabProvider } from './create-lab-provider.js';
import type { LabEstate, LabHost } from './lab-estate.js';
import { createLabFixture, NO_SECRETS, readExampleEstate, type LabFixture } from './fixtures/lab-test-fixture.js';
import { refreshPolicy } from './refresh-policy.js';

const FINANCE = { gpo: 'RDS Licensing - Finance', domain: 'corp.contoso.com' };
const BOTH = ['lic01.corp.contoso.com', 'lic02.corp.contoso.com'];
const SET_SERVERS: ApplyRequest = {
  target: { kind: 'gpo', ...FINANCE },
  operations: [{ kind: 'setGpoLicenseServers', ...FINANCE, servers: BOTH }],
  resolveSecret: NO_SECRETS,
};

/** The example plus a host in a child OU of Finance and one in an OU that merely sounds alike. */
async function estateWithNeighbours(): Promise<LabEstate> {
  const estate = await readExampleEstate();
  const template = estate.hosts.find((host) => host.host === 'rdsh01.corp.contoso.com');
  const copy = (name: string, ou: string): LabHost => {
    const host = structuredClone(template);
    if (!host?.sessionHost) throw new Error('example estate changed');
    return { ...host, host: name, sessionHost: { ...host.sessionHost, ou } };
  };
  estate.hosts.push(copy('trader01.corp.contoso.com', 'OU=Traders,OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com'));
  estate.hosts.push(copy('audit01.corp.contoso.com', 'OU=FinanceAudit,OU=RDS,DC=corp,DC=contoso,DC=com'));
  return estate;
}

function effectiveServers(hosts: readonly LiveHost[]): Record<string, string[] | undefined> {
  return Object.fromEntries(hosts.map((host) => [host.host.split('.')[0], host.sessionHost?.licenseServers.effective]));
}

describe('lab Group Policy refresh', () => {
  let fixture: LabFixture;
  afterEach(() => fixture?.remove());

  it('gives a GPO change at once to the hosts in its linked OUs and their child OUs, and to no others', async () => {
    const estate = await estateWithNeighbours();
    fixture = await createLabFixture(estate);
    const provider = createLabProvider(fixture.options);
    const response = await provider.apply(SET_SERVERS);
    expect(response.results[0]?.detail).toBe(
      'set LicenseServers in GPO "RDS Licensing - Finance" to lic01.corp.contoso.com,lic02.corp.contoso.com; 13 session hosts picked it up',
    );
    const state = await provider.read({ hosts: estate.hosts.map((host) => host.host), gpos: [], parallelism: 4 });
    const servers = effectiveServers(state.hosts);
    for (let n = 1; n <= 12; n += 1) expect(servers[`rdsh${String(n).padStart(2, '0')}`]).toEqual(BOTH);
    expect(servers.trader01).toEqual(BOTH);
    expect(servers.audit01).toEqual(['lic01.corp.contoso.com']);
    expect(servers.kiosk01).toEqual(['LIC02', 'lic01.corp.contoso.com']);
    expect(servers.kiosk02).toEqual(['lic-old.corp.contoso.com', 'lic01.corp.contoso.com']);
    const rdsh01 = state.hosts.find((host) => host.host === 'rdsh01.corp.contoso.com');
    expect(rdsh01?.sessionHost?.licenseServers).toEqual({ local: [], policy: BOTH, effective: BOTH, source: 'policy' });
    expect(rdsh01?.sessionHost?.licensingMode).toEqual({ local: 'notConfigured', policy: 'perUser', effective: 'perUser', source: 'policy' });
  });

  it('with manual refresh, keeps hosts on their old policy values until refreshPolicy runs', async () => {
    const estate = await readExampleEstate();
    estate.lab = { policyRefresh: 'manual' };
    fixture = await createLabFixture(estate);
    const provider = createLabProvider(fixture.options);
    const response = await provider.apply(SET_SERVERS);
    expect(response.results[0]?.detail).toBe(
      'set LicenseServers in GPO "RDS Licensing - Finance" to lic01.corp.contoso.com,lic02.corp.contoso.com; session hosts apply it at their next policy refresh',
    );
    const read = () => provider.read({ hosts: ['rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com'], gpos: [{ name: FINANCE.gpo, domain: FINANCE.domain }], parallelism: 1 });
    const pending = await read();
    expect(pending.gpos[0]?.licenseServers).toEqual(BOTH);
    expect(Object.values(effectiveServers(pending.hosts))).toEqual([['lic01.corp.contoso.com'], ['lic01.corp.contoso.com']]);

    expect(await refreshPolicy({ ...fixture.options, hosts: ['RDSH01.corp.contoso.com'] })).toEqual({ refreshed: ['rdsh01.corp.contoso.com'] });
    expect(Object.values(effectiveServers((await read()).hosts))).toEqual([BOTH, ['lic01.corp.contoso.com']]);

    const all = await refreshPolicy(fixture.options);
    expect(all.refreshed).toHaveLength(11);
    expect(Object.values(effectiveServers((await read()).hosts))).toEqual([BOTH, BOTH]);
    expect(await refreshPolicy(fixture.options)).toEqual({ refreshed: [] });
  });

  it('returns a setting to the local value when the GPO stops setting it', async () => {
    const estate = await readExampleEstate();
    const gpo = estate.gpos[0];
    if (gpo) gpo.licenseServers = null;
    const kiosk = estate.hosts.find((host) => host.host === 'kiosk01.corp.contoso.com');
    fixture = await createLabFixture(estate);
    const provider = createLabProvider(fixture.options);
    await provider.apply({
      target: { kind: 'gpo', ...FINANCE },
      operations: [{ kind: 'linkGpo', ...FINANCE, ou: 'OU=Kiosks,OU=RDS,DC=corp,DC=contoso,DC=com' }],
      resolveSecret: NO_SECRETS,
    });
    const state = await provider.read({ hosts: ['kiosk01.corp.contoso.com', 'rdsh01.corp.contoso.com'], gpos: [], parallelism: 1 });
    expect(state.hosts[0]?.sessionHost?.licensingMode).toEqual({ local: 'perDevice', policy: 'perUser', effective: 'perUser', source: 'policy' });
    expect(state.hosts[0]?.sessionHost?.licenseServers).toEqual(kiosk?.sessionHost?.licenseServers);
    expect(state.hosts[1]?.sessionHost?.licenseServers).toEqual({ local: [], policy: null, effective: [], source: 'local' });
  });
});
