/**
 * Writes output that comes in pieces (a rendered plan of 100,000 hosts) to a stream without
 * ever holding all of it: pieces are gathered into batches of about 64 KiB, each batch passes
 * through `transform` (the display escape) and is written, and when the stream's buffer is
 * full the next batch waits for it to drain. A reader that goes away ends the writing.
 */
import type { Writable } from 'node:stream';
import { batchChunks } from '../io/batch-chunks.js';

export { BATCH_CHARACTERS } from '../io/batch-chunks.js';

export async function writeChunks(stream: Writable, chunks: Iterable<string>, transform: (text: string) => string = (text) => text): Promise<void> {
  for (const batch of batchChunks(chunks)) {
    if (!(await writeBatch(stream, transform(batch)))) return;
  }
}

/** False when the stream can take no more: it failed or was closed. */
async function writeBatch(stream: Writable, text: string): Promise<boolean> {
  if (stream.destroyed) return false;
  if (stream.write(text)) return true;
  return new Promise<boolean>((resolve) => {
    const settle = (writable: boolean) => () => {
      stream.off('drain', onDrain);
      stream.off('close', onEnd);
      stream.off('error', onEnd);
      resolve(writable);
    };
    const onDrain = settle(true);
    const onEnd = settle(false);
    stream.once('drain', onDrain);
    stream.once('close', onEnd);
    stream.once('error', onEnd);
  });
}
