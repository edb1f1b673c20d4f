/**
 * Replaces a file so that readers see either the old content or the new, never a mix:
 * write a temporary file in the same directory, flush it to disk, then rename it over the
 * target (atomic within one file system). On failure the temporary file is removed and the
 * old file is left as it was. Content may come in pieces (a 54 MB estate a host at a time),
 * gathered into batches of about 64 KiB and written as they come, never held whole.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { batchChunks } from '../../io/batch-chunks.js';

export async function writeFileAtomically(file: string, content: string | Iterable<string>): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  try {
    const handle = await open(temporary, 'wx');
    try {
      // Each writeFile continues from where the previous one ended.
      for (const piece of typeof content === 'string' ? [content] : batchChunks(content)) await handle.writeFile(piece, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(file));
}

/** Makes the rename itself durable; some platforms cannot open a directory, which is harmless. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability of the rename is best effort; the content itself is already safe.
  }
}
