/**
 * Before replacing a file rdsctl owns (the lab's live estate), refuse when something other than
 * a regular file sits at its path: a directory cannot be renamed over, and a pipe or device
 * there was put by someone else, so rdsctl leaves it alone rather than deleting it.
 */
import { lstat } from 'node:fs/promises';
import { RdsctlError } from '../model/rdsctl-error.js';
import { describeFileType } from './describe-file-type.js';
import { FILE_KIND_NAMES, type FileKind } from './file-size-caps.js';

export async function refuseNonRegularTarget(request: { file: string; kind: FileKind }): Promise<void> {
  const stats = await lstat(request.file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stats === undefined || stats.isFile()) return;
  throw new RdsctlError({
    code: 'FILE_REFUSED',
    kind: 'user',
    message: `${FILE_KIND_NAMES[request.kind]} ${request.file} is ${describeFileType(stats)}, not a regular file; rdsctl will not replace it`,
    hint: `remove ${request.file} yourself, then run the command again`,
  });
}
