/**
 * Resolves secret references (`{ env: NAME }`, `{ file: PATH }`) when an operation needs the
 * value, never earlier, so plans run without secrets. Messages name the reference, never the
 * value.
 */
import type { SecretResolver } from '../model/operation.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import { readSecretFile } from './read-secret-file.js';

export function createSecretResolver(specDirectory: string, env: NodeJS.ProcessEnv = process.env): SecretResolver {
  return async (ref, purpose) => {
    if (ref.env !== undefined) {
      const value = env[ref.env];
      if (value === undefined || value.trim() === '') {
        throw new RdsctlError({
          code: 'SECRET_UNAVAILABLE',
          kind: 'user',
          message: `${purpose}: environment variable ${ref.env} is not set`,
          hint: `set ${ref.env} in the environment of the apply (for example from your CI secret store)`,
        });
      }
      return value.trim();
    }
    if (ref.file !== undefined) {
      return (await readSecretFile({ reference: ref.file, specDirectory, purpose, env })).trim();
    }
    throw new RdsctlError({ code: 'SECRET_UNAVAILABLE', kind: 'user', message: `${purpose}: the secret reference names neither env nor file` });
  };
}
