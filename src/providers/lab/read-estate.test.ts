import { readFile, stat } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createLabProvider } from './create-lab-provider.js';
import { createLabFixture, EXAMPLE_ESTATE_FILE, readExampleEstate, type LabFixture } from './fixtures/lab-test-fixture.js';

const FINANCE_GPO = { name: 'RDS Licensing - Finance', domain: 'corp.contoso.com' };

describe('lab provider read', () => {
  let fixture: LabFixture;
  afterEach(() => fixture?.remove());

  it('returns the example estate with its deliberate drift', async () => {
    fixture = await createLabFixture();
    const provider = createLabProvider(fixture.options);
    const state = await provider.read({
      hosts: ['lic01.corp.contoso.com', 'lic02.corp.contoso.com', 'rdsh07.corp.contoso.com', 'kiosk01.corp.contoso.com'],
      gpos: [FINANCE_GPO],
      parallelism: 4,
    });

    expect(state.errors).toEqual([]);
    expect(state.formatVersion).toBe(1);
    expect(state.hosts.map((host) => host.host)).toEqual([
      'lic01.corp.contoso.com',
      'lic02.corp.contoso.com',
      'rdsh07.corp.contoso.com',
      'kiosk01.corp.contoso.com',
    ]);
    const [lic01, lic02, rdsh07, kiosk01] = state.hosts;
    expect(lic01?.addresses).toEqual(['10.0.0.11']);
    expect(lic01?.licenseServer?.keyPacks.map((pack) => [pack.type, pack.channel, pack.total])).toEqual([
      ['builtIn', 'builtIn', 4294967295],
      ['perUser', 'volume', 200],
      ['perDevice', 'volume', 50],
    ]);
    expect(lic02?.licenseServer?.firewall.ruleGroup).toBe('disabled');
    expect(lic02?.licenseServer?.keyPacks.filter((pack) => pack.type === 'perDevice')).toEqual([]);
    expect(rdsh07?.sessionHost?.licensingMode).toEqual({ local: 'notConfigured', policy: 'perUser', effective: 'perUser', source: 'policy' });
    expect(rdsh07?.sessionHost?.licenseServers.effective).toEqual(['lic01.corp.contoso.com']);
    expect(kiosk01?.sessionHost?.licenseServers.local).toEqual(['LIC02', 'lic01.corp.contoso.com']);
    expect(state.gpos).toEqual([
      { ...FINANCE_GPO, exists: true, links: ['OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com'], licensingMode: 'perUser', licenseServers: ['lic01.corp.contoso.com'] },
    ]);
  });

  it('finds hosts and GPOs whatever the case, once each, and by unambiguous short name, reading a host asked by both names once', async () => {
    fixture = await createLabFixture();
    const state = await createLabProvider(fixture.options).read({
      hosts: ['LIC01.Corp.Contoso.com.', 'lic01.corp.contoso.com', 'kiosk02', 'KIOSK02.corp.contoso.com'],
      gpos: [{ name: 'rds licensing - finance', domain: 'CORP.contoso.com' }],
      parallelism: 1,
    });
    expect(state.hosts.map((host) => host.host)).toEqual(['lic01.corp.contoso.com', 'kiosk02.corp.contoso.com']);
    expect(state.gpos[0]?.exists).toBe(true);
  });

  it('reports unreachable and unknown hosts as errors and an unknown GPO as absent', async () => {
    const estate = await readExampleEstate();
    const lic02 = estate.hosts.find((host) => host.host === 'lic02.corp.contoso.com');
    if (lic02) lic02.lab = { reachable: false };
    fixture = await createLabFixture(estate);
    const state = await createLabProvider(fixture.options).read({
      hosts: ['lic01.corp.contoso.com', 'lic02.corp.contoso.com', 'rdsh99.corp.contoso.com'],
      gpos: [{ name: 'RDS Licensing - Kiosks', domain: 'corp.contoso.com' }],
      parallelism: 2,
    });
    expect(state.hosts.map((host) => host.host)).toEqual(['lic01.corp.contoso.com']);
    expect(state.errors).toEqual([
      { host: 'lic02.corp.contoso.com', code: 'HOST_UNREACHABLE', message: 'lic02.corp.contoso.com: host did not answer (simulated)', step: 'connect' },
      { host: 'rdsh99.corp.contoso.com', code: 'NOT_FOUND', message: 'rdsh99.corp.contoso.com: no such host in the lab estate' },
    ]);
    expect(state.gpos).toEqual([
      { name: 'RDS Licensing - Kiosks', domain: 'corp.contoso.com', exists: false, links: [], licensingMode: null, licenseServers: null },
    ]);
  });

  it('never returns the simulation-only lab fields', async () => {
    const estate = await readExampleEstate();
    for (const host of estate.hosts) host.lab = { rpcOpen: true, failOperations: ['restartService'] };
    fixture = await createLabFixture(estate);
    const state = await createLabProvider(fixture.options).read({ hosts: estate.hosts.map((host) => host.host), gpos: [], parallelism: 8 });
    expect(state.hosts).toHaveLength(17);
    expect(state.hosts.filter((host) => 'lab' in host)).toEqual([]);
    expect(JSON.stringify(state)).not.toContain('failOperations');
  });

  it('answers the per-user report on every licence server when asked, and shows recorded holdings either way', async () => {
    const estate = await readExampleEstate();
    const lic01 = estate.hosts.find((host) => host.host === 'lic01.corp.contoso.com')!;
    const entry = { user: 'CORP\\alice', product: 'windowsServer2022' as const, productVersionId: 7, expiresAt: '2027-01-15T08:00:00.000Z' };
    lic01.licenseServer = { ...lic01.licenseServer!, perUserReport: { generatedAt: '2026-01-01T00:00:00.000Z', entries: [entry] } };
    fixture = await createLabFixture(estate);
    const provider = createLabProvider(fixture.options);
    const plain = await provider.read({ hosts: ['lic01.corp.contoso.com', 'lic02.corp.contoso.com'], gpos: [], parallelism: 1 });
    expect(plain.hosts.map((host) => host.licenseServer?.perUserReport)).toEqual([{ generatedAt: '2026-01-01T00:00:00.000Z', entries: [entry] }, undefined]);
    const asked = await provider.read({ hosts: ['lic01.corp.contoso.com', 'lic02.corp.contoso.com'], gpos: [], parallelism: 1, perUserReport: true });
    expect(asked.hosts.map((host) => host.licenseServer?.perUserReport)).toEqual([
      { generatedAt: asked.readAt, entries: [entry] },
      { generatedAt: asked.readAt, entries: [] },
    ]);
  });

  it('replays errors recorded in the estate', async () => {
    const estate = await readExampleEstate();
    estate.errors = [{ host: 'rdsh13.corp.contoso.com', code: 'ACCESS_DENIED', message: 'rdsh13.corp.contoso.com: access denied', step: 'read-session-host' }];
    fixture = await createLabFixture(estate);
    const state = await createLabProvider(fixture.options).read({ hosts: ['RDSH13.corp.contoso.com'], gpos: [], parallelism: 1 });
    expect(state.errors).toEqual([
      { host: 'RDSH13.corp.contoso.com', code: 'ACCESS_DENIED', message: 'rdsh13.corp.contoso.com: access denied', step: 'read-session-host' },
    ]);
  });

  it('creates the live copy beside the spec and leaves the pristine estate alone', async () => {
    fixture = await createLabFixture();
    const pristineBefore = await readFile(fixture.paths.pristine, 'utf8');
    await createLabProvider(fixture.options).read({ hosts: ['lic01.corp.contoso.com'], gpos: [], parallelism: 1 });
    expect(fixture.paths.live).toBe(`${fixture.directory}/.rdsctl/lab/contoso.estate.json`);
    expect((await stat(fixture.paths.live)).isFile()).toBe(true);
    expect((await fixture.readLive()).hosts).toHaveLength(17);
    expect(await readFile(fixture.paths.pristine, 'utf8')).toBe(pristineBefore);
    expect(pristineBefore).toBe(await readFile(EXAMPLE_ESTATE_FILE, 'utf8'));
  });
});
