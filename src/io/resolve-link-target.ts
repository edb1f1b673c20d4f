/**
 * The file a path stands for when it is written in place of: a symbolic link's final target, so
 * a file replaced by rename is replaced where it really is and the link stays a link. A dangling
 * link resolves to where it points (writing creates the file there); a path that is not a link
 * is itself.
 */
import { readlink, realpath } from 'node:fs/promises';
import path from 'node:path';

const MAX_LINKS = 40;

export async function resolveLinkTarget(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  let current = path.resolve(file);
  for (let hop = 0; hop < MAX_LINKS; hop += 1) {
    let next: string;
    try {
      next = await readlink(current);
    } catch {
      return current; // not a link (or absent): the path itself
    }
    current = path.resolve(path.dirname(current), next);
  }
  return current;
}
