import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { createLabProvider } from './create-lab-provider.js';
import { resetLabEstate } from './lab-estate-files.js';
import { createLabFixture, EXAMPLE_ESTATE_FILE, NO_SECRETS, readExampleEstate, RESET_LOCKING, type LabFixture } from './fixtures/lab-test-fixture.js';
import { loadEstateFile } from './load-estate-file.js';

async function loadError(file: string): Promise<RdsctlError> {
  const error = await loadEstateFile(file).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof RdsctlError)) throw new Error(`expected an RdsctlError, got ${String(error)}`);
  return error;
}

describe('loadEstateFile', () => {
  let fixture: LabFixture;
  afterEach(() => fixture?.remove());

  it('loads the example estate', async () => {
    const estate = await loadEstateFile(EXAMPLE_ESTATE_FILE);
    expect(estate.hosts.map((host) => host.host.split('.')[0])).toEqual([
      'lic01', 'lic02',
      'rdsh01', 'rdsh02', 'rdsh03', 'rdsh04', 'rdsh05', 'rdsh06', 'rdsh07', 'rdsh08', 'rdsh09', 'rdsh10', 'rdsh11', 'rdsh12',
      'kiosk01', 'kiosk02', 'kiosk03',
    ]);
    expect(estate.lab).toEqual({ policyRefresh: 'immediate' });
  });

  it('reads a .json estate as JSON', async () => {
    fixture = await createLabFixture(await readExampleEstate(), 'estate.json');
    expect((await loadEstateFile(fixture.paths.pristine)).hosts).toHaveLength(17);
  });

  it('names a missing file', async () => {
    const error = await loadError('/nonexistent/estate.yaml');
    expect([error.code, error.kind, error.message]).toEqual(['ESTATE_NOT_FOUND', 'user', 'lab estate file not found: /nonexistent/estate.yaml']);
    expect(error.hint).toBe("check connection.estate in the spec; a relative path is resolved from the spec file's directory");
  });

  it('reports every schema problem of a YAML estate with its path, line and column', async () => {
    const text = (await readFile(EXAMPLE_ESTATE_FILE, 'utf8'))
      .replace('    addresses: [10.0.0.12]\n', '    addresses: [10.0.0.12]\n    colour: blue\n')
      .replace('graceDaysLeft: 12\n', 'graceDaysLeft: -12\n');
    fixture = await createLabFixture(text);
    const error = await loadError(fixture.paths.pristine);
    const lines = text.split('\n');
    const colourLine = lines.findIndex((line) => line === '    colour: blue') + 1;
    const graceLine = lines.findIndex((line) => line.includes('graceDaysLeft: -12')) + 1;
    const file = fixture.paths.pristine;
    expect([error.code, error.kind, error.message]).toEqual(['ESTATE_INVALID', 'user', `lab estate ${file} is not valid (2 problems)`]);
    expect(error.detail).toBe(
      [`${file}:${colourLine}:13: hosts[1].colour is not a known key`, `${file}:${graceLine}:22: hosts[3].sessionHost.graceDaysLeft must be >= 0`].join('\n'),
    );
    expect(error.diagnostics[0]).toEqual({
      severity: 'error',
      code: 'ESTATE_INVALID',
      summary: 'hosts[1].colour is not a known key',
      source: { file, line: colourLine, column: 13, path: 'hosts[1].colour' },
    });
  });

  it('reports a JSON estate problem by path', async () => {
    const estate = await readExampleEstate();
    (estate.gpos[0] as unknown as Record<string, unknown>).enforced = true;
    fixture = await createLabFixture(estate, 'estate.json');
    const error = await loadError(fixture.paths.pristine);
    expect(error.detail).toBe(`${fixture.paths.pristine}: gpos[0].enforced is not a known key`);
  });

  it('reports text that is not JSON or YAML', async () => {
    fixture = await createLabFixture('{"formatVersion": 1,', 'estate.json');
    expect((await loadError(fixture.paths.pristine)).detail).toMatch(/^.*estate\.json: not valid JSON: /);
    await writeFile(join(fixture.directory, 'broken.yaml'), 'hosts: [\n  - a: b\n');
    expect((await loadError(join(fixture.directory, 'broken.yaml'))).detail).toMatch(/broken\.yaml:\d+:\d+: not valid YAML: /);
  });
});

describe('live copy', () => {
  let fixture: LabFixture;
  afterEach(() => fixture?.remove());

  it('makes a provider fail with ESTATE_NOT_FOUND when the pristine estate is missing', async () => {
    fixture = await createLabFixture();
    const provider = createLabProvider({ ...fixture.options, estate: 'missing.yaml' });
    await expect(provider.read({ hosts: [], gpos: [], parallelism: 1 })).rejects.toMatchObject({
      code: 'ESTATE_NOT_FOUND',
      message: `lab estate file not found: ${join(fixture.directory, 'missing.yaml')}`,
    });
  });

  it('refuses an estate that lists a host twice', async () => {
    const estate = await readExampleEstate();
    const lic01 = structuredClone(estate.hosts[0]);
    if (lic01) estate.hosts.push({ ...lic01, host: 'LIC01.corp.contoso.com' });
    fixture = await createLabFixture(estate);
    await expect(createLabProvider(fixture.options).read({ hosts: [], gpos: [], parallelism: 1 })).rejects.toMatchObject({
      code: 'ESTATE_INVALID',
      message: `lab estate ${fixture.paths.pristine} lists host LIC01.corp.contoso.com twice (hosts[0] and hosts[17])`,
    });
  });

  it('names the live copy when a hand edit broke it', async () => {
    fixture = await createLabFixture();
    await createLabProvider(fixture.options).read({ hosts: [], gpos: [], parallelism: 1 });
    await writeFile(fixture.paths.live, JSON.stringify({ formatVersion: 1, hosts: [], gpos: [] }));
    await expect(createLabProvider(fixture.options).read({ hosts: [], gpos: [], parallelism: 1 })).rejects.toMatchObject({
      code: 'ESTATE_INVALID',
      detail: `${fixture.paths.live}: errors is required`,
    });
  });

  it('is recreated from the pristine estate by resetLabEstate', async () => {
    fixture = await createLabFixture();
    const provider = createLabProvider(fixture.options);
    await provider.apply({ target: { kind: 'host', host: 'rdsh01.corp.contoso.com' }, operations: [{ kind: 'resetGracePeriod' }], resolveSecret: NO_SECRETS });
    expect((await fixture.readLive()).hosts[2]?.sessionHost?.graceDaysLeft).toBe(120);

    expect(await resetLabEstate(fixture.options, RESET_LOCKING)).toEqual(fixture.paths);
    expect((await fixture.readLive()).hosts[2]?.sessionHost?.graceDaysLeft).toBe(0);
    const state = await provider.read({ hosts: ['rdsh01.corp.contoso.com'], gpos: [], parallelism: 1 });
    expect(state.hosts[0]?.sessionHost?.graceDaysLeft).toBe(0);
  });
});
