import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyPackGroup, Operation } from '../../model/operation.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import type { KeyPackSecretRefs, SecretResolver } from '../../model/operation.js';
import type { LicenseProgram } from '../../model/spec.js';
import type { ApplyRequest } from '../provider.js';
import { createLabProvider } from './create-lab-provider.js';
import type { LabEstate } from './lab-estate.js';
import { createLabFixture, NO_SECRETS, readExampleEstate, secretsByName, type LabFixture } from './fixtures/lab-test-fixture.js';

const LIC01 = 'lic01.corp.contoso.com';
const PER_USER: KeyPackGroup = { product: 'windowsServer2022', type: 'perUser', channel: 'volume' };
const AGREEMENT: KeyPackSecretRefs = { agreementNumber: { env: 'RDS_EA_NUMBER' } };

function install(targetTotal: number, options: { group?: KeyPackGroup; program?: LicenseProgram; secrets?: KeyPackSecretRefs; host?: string; resolveSecret?: SecretResolver } = {}): ApplyRequest {
  const operation: Operation = {
    kind: 'installLicenses',
    group: options.group ?? PER_USER,
    program: options.program ?? 'enterpriseAgreement',
    targetTotal,
    plannedDelta: 0,
    secrets: options.secrets ?? AGREEMENT,
  };
  return { target: { kind: 'host', host: options.host ?? LIC01 }, operations: [operation], resolveSecret: options.resolveSecret ?? secretsByName({ RDS_EA_NUMBER: '1234567' }) };
}

function perUserTotal(estate: LabEstate, host = LIC01): number {
  const packs = estate.hosts.find((entry) => entry.host === host)?.licenseServer?.keyPacks ?? [];
  return packs.filter((pack) => pack.type === 'perUser' && pack.channel === 'volume').reduce((sum, pack) => sum + pack.total, 0);
}

describe('lab provider installLicenses', () => {
  let fixture: LabFixture;
  afterEach(() => fixture?.remove());

  it('refuses to install on a licence server that is not activated', async () => {
    const estate = await readExampleEstate();
    const server = estate.hosts[0]?.licenseServer;
    if (server) server.activation = { status: 'notActivated', contactComplete: false };
    fixture = await createLabFixture(estate);
    const message = 'licence server is not activated; key packs can only be installed on an activated server';
    expect(await createLabProvider(fixture.options).apply(install(250, { resolveSecret: NO_SECRETS }))).toEqual({
      ok: false,
      results: [{ kind: 'installLicenses', status: 'failed', detail: message }],
      error: { code: 'NOT_ACTIVATED', message, step: 'installLicenses' },
    });
    expect(perUserTotal(await fixture.readLive())).toBe(200);
  });

  it('installs only the delta that remains at apply time', async () => {
    fixture = await createLabFixture();
    const planner = createLabProvider(fixture.options);
    const planned = await planner.read({ hosts: [LIC01], gpos: [], parallelism: 1 });
    expect(planned.hosts[0]?.licenseServer?.keyPacks.find((pack) => pack.type === 'perUser')?.total).toBe(200);

    // Between plan and apply someone else installs 30 of the 50 missing licences.
    const other = await createLabProvider(fixture.options).apply(install(230));
    expect(other.results[0]?.detail).toBe('installed 30 licences (Windows Server 2022, per user)');

    const response = await planner.apply(install(250));
    expect(response.results).toEqual([{ kind: 'installLicenses', status: 'done', detail: 'installed 20 licences (Windows Server 2022, per user)' }]);
    expect(perUserTotal(await fixture.readLive())).toBe(250);
  });

  it('counts only purchased packs of the same product, type and channel', async () => {
    const estate = await readExampleEstate();
    estate.hosts[0]?.licenseServer?.keyPacks.push(
      { keyPackId: 9, product: 'windowsServer2019', productVersionId: 6, type: 'perUser', channel: 'volume', total: 500, issued: 0, available: 500 },
      { keyPackId: 10, product: 'windowsServer2022', productVersionId: 7, type: 'perUser', channel: 'temporary', total: 500, issued: 0, available: 500 },
      { keyPackId: 11, product: 'windowsServer2022', productVersionId: 7, type: 'perUser', channel: 'retail', total: 500, issued: 0, available: 500 },
    );
    fixture = await createLabFixture(estate);
    const response = await createLabProvider(fixture.options).apply(install(250));
    expect(response.results[0]?.detail).toBe('installed 50 licences (Windows Server 2022, per user)');
    const added = (await fixture.readLive()).hosts[0]?.licenseServer?.keyPacks.at(-1);
    expect(added).toEqual({
      keyPackId: 12,
      product: 'windowsServer2022',
      productVersionId: 7,
      type: 'perUser',
      channel: 'volume',
      total: 50,
      issued: 0,
      available: 50,
      description: 'Windows Server 2022, per user CALs (enterpriseAgreement)',
    });
  });

  it('does not ask for secrets when nothing is to be installed', async () => {
    fixture = await createLabFixture();
    const response = await createLabProvider(fixture.options).apply(install(200, { resolveSecret: NO_SECRETS }));
    expect(response).toEqual({ ok: true, results: [{ kind: 'installLicenses', status: 'noop', detail: '200 licences already installed (Windows Server 2022, per user)' }] });
  });

  it('installs two groups on one server concurrently without losing either', async () => {
    fixture = await createLabFixture();
    const provider = createLabProvider(fixture.options);
    const [user, device] = await Promise.all([
      provider.apply(install(260)),
      provider.apply(install(70, { group: { ...PER_USER, type: 'perDevice' } })),
    ]);
    expect([user.results[0]?.detail, device.results[0]?.detail]).toEqual([
      'installed 60 licences (Windows Server 2022, per user)',
      'installed 20 licences (Windows Server 2022, per device)',
    ]);
    const packs = (await fixture.readLive()).hosts[0]?.licenseServer?.keyPacks ?? [];
    expect(packs.map((pack) => [pack.keyPackId, pack.type, pack.total])).toEqual([
      [2, 'builtIn', 4294967295],
      [3, 'perUser', 200],
      [4, 'perDevice', 50],
      [5, 'perUser', 60],
      [6, 'perDevice', 20],
    ]);
  });

  it('refuses CALs newer than the licence server', async () => {
    fixture = await createLabFixture();
    const response = await createLabProvider(fixture.options).apply(install(10, { group: { ...PER_USER, product: 'windowsServer2025' } }));
    expect(response.error).toEqual({
      code: 'CAL_VERSION_UNSUPPORTED',
      message: 'a Windows Server 2022 licence server cannot hold Windows Server 2025 CALs',
      step: 'installLicenses',
    });
  });

  describe('secrets', () => {
    const SECRET_VALUES = ['12-34567', 'ABCDE-FGHIJ-KLMNO-PQRST-UVWXY', 'ABCDEFGHJKLMNPQRSTUVWXYZ2', '87654321', 'AUTH12345678901'];

    async function expectNoSecretIn(values: readonly string[], ...texts: string[]): Promise<void> {
      const file = await readFile(fixture.paths.live, 'utf8');
      for (const value of values) {
        expect(file).not.toContain(value);
        for (const text of texts) expect(text).not.toContain(value);
      }
    }

    it('rejects an agreement number that is not 7 digits without showing it', async () => {
      fixture = await createLabFixture();
      const response = await createLabProvider(fixture.options).apply(install(250, { resolveSecret: secretsByName({ RDS_EA_NUMBER: '12-34567' }) }));
      expect(response.error).toEqual({
        code: 'SECRET_INVALID',
        message: 'the agreement number must be 7 digits; the value given is not (it is not shown)',
        step: 'installLicenses',
      });
      await expectNoSecretIn(SECRET_VALUES, JSON.stringify(response));
    });

    it('passes the reference and a purpose to the resolver, and reports its failure', async () => {
      fixture = await createLabFixture();
      const asked: unknown[] = [];
      const resolveSecret: SecretResolver = async (ref, purpose) => {
        asked.push([ref, purpose]);
        throw new RdsctlError({ code: 'SECRET_UNAVAILABLE', kind: 'user', message: 'environment variable RDS_EA_NUMBER is not set' });
      };
      const response = await createLabProvider(fixture.options).apply(install(250, { resolveSecret }));
      expect(asked).toEqual([[{ env: 'RDS_EA_NUMBER' }, 'agreement number for Windows Server 2022, per user licences on lic01.corp.contoso.com']]);
      expect(response.error).toEqual({ code: 'SECRET_UNAVAILABLE', message: 'environment variable RDS_EA_NUMBER is not set', step: 'installLicenses' });
    });

    it('fails when the key pack references no secret its programme needs', async () => {
      fixture = await createLabFixture();
      const response = await createLabProvider(fixture.options).apply(install(250, { secrets: {} }));
      expect(response.error?.message).toBe('installing enterpriseAgreement licences needs the agreement number, and the key pack does not reference one');
    });

    it('installs a retail code once and refuses it again anywhere, keeping only its hash', async () => {
      fixture = await createLabFixture();
      const provider = createLabProvider(fixture.options);
      const retail = { group: { ...PER_USER, channel: 'retail' as const }, program: 'retail' as const, secrets: { retailKey: { env: 'RETAIL' } } };
      const resolveSecret = secretsByName({ RETAIL: 'ABCDEFGHJKLMNPQRSTUVWXYZ2' });
      const first = await provider.apply(install(20, { ...retail, resolveSecret }));
      expect(first.results[0]?.detail).toBe('installed 20 licences (Windows Server 2022, per user)');

      const again = await provider.apply(install(40, { ...retail, resolveSecret }));
      const elsewhere = await provider.apply(install(40, { ...retail, resolveSecret, host: 'lic02.corp.contoso.com' }));
      for (const response of [again, elsewhere]) {
        expect(response.error).toEqual({
          code: 'RETAIL_CODE_USED',
          message: 'this retail licence code has already been installed; retail codes are single-use',
          step: 'installLicenses',
        });
      }
      expect((await fixture.readLive()).hosts[0]?.lab?.usedRetailCodes).toHaveLength(1);
      await expectNoSecretIn(SECRET_VALUES, JSON.stringify([first, again, elsewhere]));
    });

    it('rejects a retail code with hyphens', async () => {
      fixture = await createLabFixture();
      const response = await createLabProvider(fixture.options).apply(
        install(20, {
          group: { ...PER_USER, channel: 'retail' },
          program: 'retail',
          secrets: { retailKey: { env: 'RETAIL' } },
          resolveSecret: secretsByName({ RETAIL: 'ABCDE-FGHIJ-KLMNO-PQRST-UVWXY' }),
        }),
      );
      expect(response.error?.message).toBe('the retail licence code must be 25 letters or digits, without hyphens; the value given is not (it is not shown)');
      await expectNoSecretIn(SECRET_VALUES, JSON.stringify(response));
    });

    it('installs Open licences with an 8-digit licence number and a 15-character authorisation number', async () => {
      fixture = await createLabFixture();
      const response = await createLabProvider(fixture.options).apply(
        install(15, {
          group: { ...PER_USER, channel: 'open' },
          program: 'open',
          secrets: { licenseNumber: { env: 'OPEN_NUMBER' }, authorizationNumber: { env: 'OPEN_AUTH' } },
          resolveSecret: secretsByName({ OPEN_NUMBER: '87654321', OPEN_AUTH: 'AUTH12345678901' }),
        }),
      );
      expect(response).toEqual({ ok: true, results: [{ kind: 'installLicenses', status: 'done', detail: 'installed 15 licences (Windows Server 2022, per user)' }] });
      await expectNoSecretIn(SECRET_VALUES, JSON.stringify(response));
    });
  });
});
