import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const failRename = vi.hoisted(() => ({ next: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      if (failRename.next) {
        failRename.next = false;
        throw Object.assign(new Error('ENOSPC: no space left on device, rename'), { code: 'ENOSPC' });
      }
      return actual.rename(from, to);
    },
  };
});

const { writeFileAtomically } = await import('./write-file-atomically.js');
const { createLabProvider } = await import('./create-lab-provider.js');
const { createLabFixture, NO_SECRETS } = await import('./fixtures/lab-test-fixture.js');

describe('writeFileAtomically', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'rdsctl-atomic-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('replaces the file and leaves no temporary file behind', async () => {
    const file = join(directory, 'estate.json');
    await writeFile(file, 'old');
    await writeFileAtomically(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    expect(await readdir(directory)).toEqual(['estate.json']);
  });

  it('writes content given in pieces as the pieces joined', async () => {
    const file = join(directory, 'estate.json');
    const pieces = Array.from({ length: 30_000 }, (_, i) => `{"host":"rdsh${i}","é":${i}}\n`);
    await writeFileAtomically(file, pieces.values());
    expect(await readFile(file, 'utf8')).toBe(pieces.join(''));
    expect(await readdir(directory)).toEqual(['estate.json']);
  });

  it('leaves the old file intact and removes its temporary file when the write fails', async () => {
    const file = join(directory, 'estate.json');
    await writeFile(file, 'old');
    failRename.next = true;
    await expect(writeFileAtomically(file, 'new')).rejects.toThrow('ENOSPC');
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(directory)).toEqual(['estate.json']);
  });

  it('makes a failed estate write an apply failure and forgets the unsaved change', async () => {
    const fixture = await createLabFixture();
    try {
      const provider = createLabProvider(fixture.options);
      await provider.read({ hosts: [], gpos: [], parallelism: 1 });
      const before = await readFile(fixture.paths.live, 'utf8');
      failRename.next = true;
      const response = await provider.apply({
        target: { kind: 'host', host: 'rdsh01.corp.contoso.com' },
        operations: [{ kind: 'resetGracePeriod' }],
        resolveSecret: NO_SECRETS,
      });
      expect(response.ok).toBe(false);
      expect(response.error?.code).toBe('ESTATE_WRITE_FAILED');
      expect(response.error?.message).toBe(`could not write ${fixture.paths.live}: ENOSPC: no space left on device, rename`);
      expect(await readFile(fixture.paths.live, 'utf8')).toBe(before);
      expect(await readdir(join(fixture.directory, '.rdsctl', 'lab'))).toEqual(['contoso.estate.json']);
      const state = await provider.read({ hosts: ['rdsh01.corp.contoso.com'], gpos: [], parallelism: 1 });
      expect(state.hosts[0]?.sessionHost?.graceDaysLeft).toBe(0);
    } finally {
      await fixture.remove();
    }
  });
});
