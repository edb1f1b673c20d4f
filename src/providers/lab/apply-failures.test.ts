import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Operation } from '../../model/operation.js';
import { createLabProvider } from './create-lab-provider.js';
import type { LabEstate, LabHost } from './lab-estate.js';
import { createLabFixture, NO_SECRETS, readExampleEstate, type LabFixture } from './fixtures/lab-test-fixture.js';

function hostIn(estate: LabEstate, name: string): LabHost {
  const found = estate.hosts.find((host) => host.host === name);
  if (!found) throw new Error(`example estate has no ${name}`);
  return found;
}

describe('lab provider apply failures', () => {
  let fixture: LabFixture;
  afterEach(() => fixture?.remove());

  it('fails on an unreachable host without changing anything', async () => {
    const estate = await readExampleEstate();
    hostIn(estate, 'lic02.corp.contoso.com').lab = { reachable: false };
    fixture = await createLabFixture(estate);
    const provider = createLabProvider(fixture.options);
    await provider.read({ hosts: [], gpos: [], parallelism: 1 });
    const before = await readFile(fixture.paths.live, 'utf8');
    const response = await provider.apply({
      target: { kind: 'host', host: 'lic02.corp.contoso.com' },
      operations: [{ kind: 'setFirewallRuleGroup', enabled: true }],
      resolveSecret: NO_SECRETS,
    });
    expect(response).toEqual({ ok: false, results: [], error: { code: 'HOST_UNREACHABLE', message: 'lic02.corp.contoso.com: host did not answer (simulated)' } });
    expect(await readFile(fixture.paths.live, 'utf8')).toBe(before);
  });

  it('fails on a host the estate does not hold', async () => {
    fixture = await createLabFixture();
    const response = await createLabProvider(fixture.options).apply({
      target: { kind: 'host', host: 'rdsh99.corp.contoso.com' },
      operations: [{ kind: 'resetGracePeriod' }],
      resolveSecret: NO_SECRETS,
    });
    expect(response).toEqual({ ok: false, results: [], error: { code: 'NOT_FOUND', message: 'rdsh99.corp.contoso.com: no such host in the lab estate' } });
  });

  it('fails a simulated operation after keeping what was done before it, and stops there', async () => {
    const estate = await readExampleEstate();
    hostIn(estate, 'lic01.corp.contoso.com').lab = { failOperations: ['setDiscoveryScope'] };
    fixture = await createLabFixture(estate);
    const response = await createLabProvider(fixture.options).apply({
      target: { kind: 'host', host: 'lic01.corp.contoso.com' },
      operations: [
        { kind: 'setPublishedInAD', published: false },
        { kind: 'setDiscoveryScope', scope: 'forest' },
        { kind: 'setServiceState', service: 'TermServLicensing', state: 'stopped' },
      ],
      resolveSecret: NO_SECRETS,
    });
    expect(response).toEqual({
      ok: false,
      results: [
        { kind: 'setPublishedInAD', status: 'done', detail: 'removed the licence server from Active Directory' },
        { kind: 'setDiscoveryScope', status: 'failed', detail: 'setDiscoveryScope failed on lic01.corp.contoso.com (simulated)' },
      ],
      error: { code: 'SIMULATED_FAILURE', message: 'setDiscoveryScope failed on lic01.corp.contoso.com (simulated)', step: 'setDiscoveryScope' },
    });
    const lic01 = hostIn(await fixture.readLive(), 'lic01.corp.contoso.com').licenseServer;
    expect([lic01?.discovery.publishedInAD, lic01?.discovery.scope, lic01?.service.state]).toEqual([false, 'domain', 'running']);
  });

  it.each<[Operation['kind'], Operation, string]>([
    ['setLicensingMode', { kind: 'setLicensingMode', mode: 'perDevice' }, 'the licensing mode of rdsh03.corp.contoso.com'],
    ['setLicenseServers', { kind: 'setLicenseServers', servers: ['lic02.corp.contoso.com'] }, 'the licence server list of rdsh03.corp.contoso.com'],
  ])('refuses %s on a host where Group Policy controls it, as Windows does', async (kind, operation, setting) => {
    fixture = await createLabFixture();
    const response = await createLabProvider(fixture.options).apply({
      target: { kind: 'host', host: 'rdsh03.corp.contoso.com' },
      operations: [operation],
      resolveSecret: NO_SECRETS,
    });
    const message = `${setting} is controlled by Group Policy; Windows refuses local changes to it (change the GPO instead)`;
    expect(response).toEqual({
      ok: false,
      results: [{ kind, status: 'failed', detail: message }],
      error: { code: 'WBEM_E_INVALID_OPERATION', message, windowsCode: '0x80041016', step: kind },
    });
  });

  it('refuses a host operation sent to a GPO and a GPO operation sent to a host', async () => {
    fixture = await createLabFixture();
    const provider = createLabProvider(fixture.options);
    const toGpo = await provider.apply({
      target: { kind: 'gpo', gpo: 'RDS Licensing - Finance', domain: 'corp.contoso.com' },
      operations: [{ kind: 'resetGracePeriod' }],
      resolveSecret: NO_SECRETS,
    });
    expect(toGpo.error).toEqual({ code: 'UNSUPPORTED_OPERATION', message: 'resetGracePeriod is carried out on a host, not on a GPO', step: 'resetGracePeriod' });
    const toHost = await provider.apply({
      target: { kind: 'host', host: 'rdsh01.corp.contoso.com' },
      operations: [{ kind: 'createGpo', gpo: 'X', domain: 'corp.contoso.com' }],
      resolveSecret: NO_SECRETS,
    });
    expect(toHost.error?.code).toBe('UNSUPPORTED_OPERATION');
  });

  it('fails GPO value changes on a GPO that does not exist', async () => {
    fixture = await createLabFixture();
    const response = await createLabProvider(fixture.options).apply({
      target: { kind: 'gpo', gpo: 'RDS Licensing - Kiosks', domain: 'corp.contoso.com' },
      operations: [{ kind: 'setGpoLicensingMode', gpo: 'RDS Licensing - Kiosks', domain: 'corp.contoso.com', mode: 'perDevice' }],
      resolveSecret: NO_SECRETS,
    });
    expect(response.error).toEqual({ code: 'GPO_NOT_FOUND', message: 'GPO "RDS Licensing - Kiosks" does not exist in corp.contoso.com', step: 'setGpoLicensingMode' });
  });

  it('fails activation when the contact is incomplete', async () => {
    const estate = await readExampleEstate();
    const server = hostIn(estate, 'lic01.corp.contoso.com').licenseServer;
    if (server) server.activation = { status: 'notActivated' };
    fixture = await createLabFixture(estate);
    const response = await createLabProvider(fixture.options).apply({
      target: { kind: 'host', host: 'lic01.corp.contoso.com' },
      operations: [{ kind: 'activateServer', contact: { firstName: 'Ops', lastName: 'Team', company: ' ', countryRegion: '' } }],
      resolveSecret: NO_SECRETS,
    });
    expect(response.error).toEqual({
      code: 'ACTIVATION_CONTACT_INCOMPLETE',
      message: 'automatic activation needs a first name, last name, company and country or region; missing: company, country or region',
      step: 'activateServer',
    });
  });

  it('stops before acting when interrupted during the apply delay', async () => {
    const estate = await readExampleEstate();
    estate.lab = { applyDelayMs: 60_000 };
    fixture = await createLabFixture(estate);
    const provider = createLabProvider(fixture.options);
    await provider.read({ hosts: [], gpos: [], parallelism: 1 });
    const before = await readFile(fixture.paths.live, 'utf8');
    const controller = new AbortController();
    const started = Date.now();
    const pending = provider.apply({
      target: { kind: 'host', host: 'kiosk03.corp.contoso.com' },
      operations: [{ kind: 'setLicensingMode', mode: 'perDevice' }],
      resolveSecret: NO_SECRETS,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toEqual({
      ok: false,
      results: [],
      error: { code: 'INTERRUPTED', message: 'interrupted before setLicensingMode', step: 'setLicensingMode' },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await readFile(fixture.paths.live, 'utf8')).toBe(before);
  });
});
