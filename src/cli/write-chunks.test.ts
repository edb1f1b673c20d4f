import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BATCH_CHARACTERS, writeChunks } from './write-chunks.js';

/** A stream that takes one write at a time, later, with a 16 KiB buffer: a slow pipe. */
function slowStream(): { stream: Writable; writes: string[]; peakBuffered: () => number; written: () => number } {
  const writes: string[] = [];
  let peak = 0;
  let written = 0;
  const stream = new Writable({
    highWaterMark: 16 * 1024,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      writes.push(chunk);
      written += chunk.length;
      setImmediate(done);
    },
  });
  const write = stream.write.bind(stream) as (chunk: string) => boolean;
  stream.write = ((chunk: string) => {
    const accepted = write(chunk);
    peak = Math.max(peak, stream.writableLength);
    return accepted;
  }) as Writable['write'];
  return { stream, writes, peakBuffered: () => peak, written: () => written };
}

const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}\n`);

describe('writeChunks', () => {
  it('writes every piece in order, in batches, never buffering more than one batch ahead of a slow reader', async () => {
    const { stream, writes, peakBuffered } = slowStream();
    await writeChunks(stream, lines, (text) => text.toUpperCase());
    expect(writes.join('')).toBe(lines.join('').toUpperCase());
    expect(writes.length).toBeGreaterThan(lines.join('').length / (2 * BATCH_CHARACTERS));
    expect(Math.max(...writes.map((batch) => batch.length))).toBeLessThan(BATCH_CHARACTERS + 100);
    expect(peakBuffered()).toBeLessThan(BATCH_CHARACTERS + 100);
  });

  it('takes pieces only as the stream drains, so a lazy renderer is never run ahead', async () => {
    const { stream, writes, written } = slowStream();
    let rendered = 0;
    const ahead: number[] = [];
    function* render(): Generator<string> {
      for (const line of lines) {
        rendered += line.length;
        ahead.push(rendered - written());
        yield line;
      }
    }
    await writeChunks(stream, render());
    expect(writes.join('')).toBe(lines.join(''));
    expect(Math.max(...ahead)).toBeLessThan(2 * BATCH_CHARACTERS + 16 * 1024);
  });

  it('stops when the reader goes away instead of waiting forever', async () => {
    const { stream, writes } = slowStream();
    function* render(): Generator<string> {
      for (const line of lines) {
        if (writes.length === 2) stream.destroy();
        yield line;
      }
    }
    await writeChunks(stream, render());
    expect(writes.length).toBeLessThan(4);
  });
});
