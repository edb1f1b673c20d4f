/**
 * The WinRM password from `connection.password` (an env or file reference). It is only ever
 * written to the runner's stdin, never to arguments, logs or messages.
 */
import { RdsctlError } from '../../model/rdsctl-error.js';
import type { ConnectionSpec } from '../../model/spec.js';
import { readSecretFile } from '../../secrets/read-secret-file.js';

export async function readConnectionPassword(connection: ConnectionSpec, specDirectory: string): Promise<string | undefined> {
  const ref = connection.password;
  if (!ref || connection.transport !== 'winrm') return undefined;
  if (ref.env !== undefined) {
    const value = process.env[ref.env];
    if (value !== undefined && value !== '') return value;
    throw new RdsctlError({
      code: 'SECRET_UNAVAILABLE',
      kind: 'environment',
      message: `connection.password names the environment variable ${ref.env}, which is not set`,
      hint: `Set ${ref.env} before running rdsctl, or remove connection.password to use the current Windows identity.`,
    });
  }
  if (ref.file !== undefined) {
    return (await readSecretFile({ reference: ref.file, specDirectory, purpose: 'connection.password' })).trimEnd();
  }
  return undefined;
}
