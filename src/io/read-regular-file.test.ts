import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRegularFilePieces } from './read-regular-file.js';

describe('readRegularFilePieces', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-pieces-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const collect = async (file: string, pieceBytes: number): Promise<Buffer> => {
    const pieces: Buffer[] = [];
    await readRegularFilePieces({ file, kind: 'estate' }, (piece) => pieces.push(Buffer.from(piece)), pieceBytes);
    return Buffer.concat(pieces);
  };

  it('hands over every byte, in order, a piece at a time', async () => {
    const file = path.join(directory, 'estate.json');
    const bytes = Buffer.from('{"hosts": ["Zürich", "süd"]}\n'.repeat(100));
    writeFileSync(file, bytes);
    expect((await collect(file, 7)).equals(bytes)).toBe(true);
    expect((await collect(file, 1 << 20)).equals(bytes)).toBe(true);
  });

  it('refuses a named pipe at once, and a file over the cap before reading a byte', { timeout: 5_000 }, async () => {
    const fifo = path.join(directory, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    await expect(collect(fifo, 1024)).rejects.toMatchObject({ code: 'FILE_REFUSED', message: `lab estate file ${fifo} is a named pipe (FIFO), not a regular file` });
    const big = path.join(directory, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 513 * 1024 * 1024);
    let seen = 0;
    await expect(readRegularFilePieces({ file: big, kind: 'estate' }, () => (seen += 1))).rejects.toMatchObject({
      code: 'FILE_REFUSED',
      message: `lab estate file ${big} is 513 MiB, over the 512 MiB limit for a lab estate file`,
    });
    expect(seen).toBe(0);
  });
});
