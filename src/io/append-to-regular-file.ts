/**
 * Appends text to a file someone else owns (GitHub's step summary): opened with O_APPEND, so
 * concurrent writers never overwrite each other; O_NOFOLLOW and O_NONBLOCK, so a symbolic link
 * or a named pipe put there is neither followed nor waited on; and the opened descriptor must be
 * a regular file before a byte is written. Returns why nothing was written, or undefined.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { describeFileType } from './describe-file-type.js';

const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK;

export async function appendToRegularFile(file: string, text: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, APPEND_FLAGS, 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'it is a symbolic link';
    // A pipe with no reader refuses a non-blocking writer with ENXIO.
    if (code === 'ENXIO') return 'it is a named pipe or device, not a regular file';
    if (code === 'EISDIR') return 'it is a directory, not a regular file';
    return `it cannot be opened (${code ?? 'unknown error'})`;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return `it is ${describeFileType(stats)}, not a regular file`;
    await handle.appendFile(text);
    return undefined;
  } catch (error) {
    return `writing failed (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`;
  } finally {
    await handle.close();
  }
}
