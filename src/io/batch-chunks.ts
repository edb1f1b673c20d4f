/**
 * Gathers small pieces of output into batches of about `size` characters, so a writer or a
 * hash takes a few large calls instead of one per piece, and never the whole output at once.
 */
export const BATCH_CHARACTERS = 64 * 1024;

export function* batchChunks(chunks: Iterable<string>, size = BATCH_CHARACTERS): Generator<string> {
  let batch = '';
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length < size) continue;
    yield batch;
    batch = '';
  }
  if (batch !== '') yield batch;
}
