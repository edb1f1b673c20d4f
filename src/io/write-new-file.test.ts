import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNewFile } from './write-new-file.js';

const directory = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-write-new-file-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('writeNewFile', () => {
  it('writes a new file, refuses an existing one untouched, and replaces it only when asked', async () => {
    const file = path.join(directory, 'spec.yaml');
    expect(await writeNewFile(file, 'first\n', { replace: false })).toBe('written');
    expect(await writeNewFile(file, 'second\n', { replace: false })).toBe('exists');
    expect(readFileSync(file, 'utf8')).toBe('first\n');
    expect(await writeNewFile(file, 'third\n', { replace: true })).toBe('written');
    expect(readFileSync(file, 'utf8')).toBe('third\n');
    expect(readdirSync(directory)).toEqual(['spec.yaml']);
  });

  it('lets exactly one of many writers racing for the same name win, whole', async () => {
    const file = path.join(directory, 'raced.yaml');
    const contents = Array.from({ length: 16 }, (_, i) => `writer ${i}\n`.repeat(10_000));
    const results = await Promise.all(contents.map((content) => writeNewFile(file, content, { replace: false })));
    expect(results.filter((result) => result === 'written')).toHaveLength(1);
    expect(contents).toContain(readFileSync(file, 'utf8'));
    expect(readdirSync(directory).filter((name) => name.startsWith('raced'))).toEqual(['raced.yaml']);
  });

  it('refuses a name taken by a file written in between', async () => {
    const file = path.join(directory, 'taken.yaml');
    writeFileSync(file, 'someone else\n');
    expect(await writeNewFile(file, 'mine\n', { replace: false })).toBe('exists');
    expect(readFileSync(file, 'utf8')).toBe('someone else\n');
  });
});
