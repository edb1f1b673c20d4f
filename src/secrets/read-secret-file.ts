/**
 * Reads a `{ file: PATH }` secret. The file must be a regular file of at most 64 KiB and, unless
 * RDSCTL_SECRET_FILES_ANYWHERE=1, inside the spec's folder once symbolic links are resolved, so
 * a spec in a pull request cannot send `~/.ssh/id_ed25519` to a licence server. Messages name
 * the reference and the resolved path, never the content.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { readRegularTextFile } from '../io/read-regular-file.js';
import { isRdsctlError, RdsctlError } from '../model/rdsctl-error.js';

export const SECRET_FILES_ANYWHERE_ENV = 'RDSCTL_SECRET_FILES_ANYWHERE';

export interface SecretFileRequest {
  readonly reference: string;
  readonly specDirectory: string;
  readonly purpose: string;
  readonly env?: NodeJS.ProcessEnv;
}

export async function readSecretFile(request: SecretFileRequest): Promise<string> {
  const file = path.resolve(request.specDirectory, request.reference.replaceAll('\\', path.sep));
  try {
    if ((request.env ?? process.env)[SECRET_FILES_ANYWHERE_ENV] !== '1') await checkConfined(file, request);
    return await readRegularTextFile({ file, kind: 'secret', shownAs: `${request.reference} (${file})` });
  } catch (error) {
    if (isRdsctlError(error)) throw error;
    throw new RdsctlError({
      code: 'SECRET_UNAVAILABLE',
      kind: 'user',
      message: `${request.purpose}: secret file ${request.reference} (${file}) cannot be read`,
      hint: 'paths in secret references are relative to the spec file',
      cause: error,
    });
  }
}

async function checkConfined(file: string, request: SecretFileRequest): Promise<void> {
  const [real, folder] = await Promise.all([realpath(file), realpath(request.specDirectory)]);
  const relative = path.relative(folder, real);
  if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) return;
  throw new RdsctlError({
    code: 'SECRET_UNAVAILABLE',
    kind: 'user',
    message: `${request.purpose}: secret file ${request.reference} resolves to ${real}, outside the spec's folder ${folder}`,
    hint: `keep secret files beside the spec, or set ${SECRET_FILES_ANYWHERE_ENV}=1 to allow files elsewhere (see docs/limits.md)`,
  });
}
