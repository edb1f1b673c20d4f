/**
 * `connection.directoryCredential`, resolved when a change that adds a licence server to
 * Terminal Server License Servers is applied (never by plan), and attached to that operation
 * only. It travels like the key-pack secrets: inside the request JSON, which reaches the host
 * on the runner's or the ssh client's standard input, never in arguments; the password joins
 * the secrets every message coming back is scrubbed of.
 */
import type { SecretResolver } from '../../model/operation.js';
import type { ConnectionSpec } from '../../model/spec.js';
import type { ResolvedOperations, WireOperation } from './resolve-operation-secrets.js';

export function needsDirectoryCredential(operation: WireOperation): boolean {
  return operation.kind === 'setDiscoveryScope' && operation.scope !== 'workgroup';
}

export async function attachDirectoryCredential(resolved: ResolvedOperations, connection: ConnectionSpec, resolveSecret: SecretResolver, host: string): Promise<ResolvedOperations> {
  const credential = connection.directoryCredential;
  if (credential === undefined || !resolved.operations.some(needsDirectoryCredential)) return resolved;
  const password = await resolveSecret(credential.password, `connection.directoryCredential.password, for adding ${host} to Terminal Server License Servers`);
  const operations = resolved.operations.map((operation) =>
    needsDirectoryCredential(operation) ? { ...operation, directoryCredential: { user: credential.user, password } } : operation,
  );
  return { operations, secrets: [...resolved.secrets, password] };
}
