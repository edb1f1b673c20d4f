/**
 * Writes an output file whole or not at all, and never over an existing file unless asked:
 * the content goes to a temporary file in the same directory first, which is then linked into
 * place (the link fails if the name exists, with no window between a check and the write) or,
 * with `replace`, renamed over it.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, open, unlink } from 'node:fs/promises';
import { writeFileAtomically } from '../providers/lab/write-file-atomically.js';

export type WriteNewFileResult = 'written' | 'exists';

export async function writeNewFile(file: string, content: string, options: { replace: boolean }): Promise<WriteNewFileResult> {
  if (options.replace) {
    await writeFileAtomically(file, content);
    return 'written';
  }
  const temporary = `${file}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await placeExclusively(temporary, file);
    return 'written';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** Some file systems have no hard links; an exclusive copy keeps the no-overwrite promise there. */
async function placeExclusively(temporary: string, file: string): Promise<void> {
  try {
    await link(temporary, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    await copyFile(temporary, file, constants.COPYFILE_EXCL);
  }
}
