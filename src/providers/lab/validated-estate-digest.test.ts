import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLabProvider } from './create-lab-provider.js';
import { createLabFixture, type LabFixture } from './fixtures/lab-test-fixture.js';
import { validationDigest } from './validated-estate-digest.js';
import { validateEstate } from './validate-estate.js';

vi.mock('./validate-estate.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./validate-estate.js')>();
  return { ...actual, validateEstate: vi.fn(actual.validateEstate) };
});

const readAll = (fixture: LabFixture) => createLabProvider(fixture.options).read({ hosts: ['rdsh01.corp.contoso.com'], gpos: [], parallelism: 1 });
const BROKEN = JSON.stringify({ formatVersion: 1, hosts: [], gpos: [] });

describe('the validation digest beside the live copy', () => {
  let fixture: LabFixture;
  beforeEach(async () => {
    fixture = await createLabFixture();
    await readAll(fixture);
    vi.mocked(validateEstate).mockClear();
  });
  afterEach(() => fixture.remove());

  it('validates unchanged live text once, then trusts the digest it recorded', async () => {
    await readAll(fixture);
    expect(vi.mocked(validateEstate)).toHaveBeenCalledTimes(1);
    expect((await readFile(fixture.paths.validated, 'utf8')).trim()).toBe(validationDigest(await readFile(fixture.paths.live)));

    const state = await readAll(fixture);
    expect(vi.mocked(validateEstate)).toHaveBeenCalledTimes(1);
    expect(state.hosts.map((host) => host.host)).toEqual(['rdsh01.corp.contoso.com']);
  });

  it('validates live text edited since, and never records text that failed', async () => {
    await readAll(fixture);
    const recorded = await readFile(fixture.paths.validated, 'utf8');
    await writeFile(fixture.paths.live, BROKEN);
    await expect(readAll(fixture)).rejects.toMatchObject({ code: 'ESTATE_INVALID', detail: `${fixture.paths.live}: errors is required` });
    expect(await readFile(fixture.paths.validated, 'utf8')).toBe(recorded);
  });

  it('validates when the record is torn, names other text, or is a named pipe', async () => {
    await writeFile(fixture.paths.live, BROKEN);
    for (const record of ['', 'not a digest\n', `${validationDigest(Buffer.from('other text'))}\n`]) {
      await writeFile(fixture.paths.validated, record);
      await expect(readAll(fixture)).rejects.toMatchObject({ code: 'ESTATE_INVALID' });
    }
    await rm(fixture.paths.validated);
    execFileSync('mkfifo', [fixture.paths.validated]);
    await expect(readAll(fixture)).rejects.toMatchObject({ code: 'ESTATE_INVALID' });
    expect(vi.mocked(validateEstate)).toHaveBeenCalledTimes(4);
  });

  it('is not written when the live copy is created from the pristine estate', async () => {
    expect(existsSync(fixture.paths.validated)).toBe(false);
  });
});
