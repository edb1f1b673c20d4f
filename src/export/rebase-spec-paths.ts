/**
 * Relative paths in a spec are relative to the spec's folder. An exported spec may be written
 * elsewhere, so the paths it copies (the lab estate, SSH key and known-hosts files, a password
 * file, the audit log) are rewritten relative to the folder it is written to.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ConnectionSpec, PolicySpec, SecretRef } from '../model/spec.js';

export interface Folders {
  /** Where the paths were relative to. */
  from: string;
  /** Where the exported spec is written. */
  to: string;
}

export function rebaseConnection(connection: ConnectionSpec, folders: Folders): ConnectionSpec {
  const rebased: ConnectionSpec = { ...connection };
  if (connection.estate !== undefined) rebased.estate = rebasePath(connection.estate, folders);
  if (connection.keyFile !== undefined) rebased.keyFile = rebasePath(connection.keyFile, folders);
  if (connection.knownHostsFile !== undefined) rebased.knownHostsFile = rebasePath(connection.knownHostsFile, folders);
  if (connection.password !== undefined) rebased.password = rebaseSecret(connection.password, folders);
  return rebased;
}

export function rebasePolicy(policy: PolicySpec, folders: Folders): PolicySpec {
  return policy.auditLog === undefined ? policy : { ...policy, auditLog: rebasePath(policy.auditLog, folders) };
}

function rebaseSecret(ref: SecretRef, folders: Folders): SecretRef {
  return ref.file === undefined ? ref : { ...ref, file: rebasePath(ref.file, folders) };
}

function rebasePath(path: string, folders: Folders): string {
  if (isAbsolute(path) || path.startsWith('~')) return path;
  const moved = relative(resolve(folders.to), resolve(folders.from, path)).split(sep).join('/');
  return moved.startsWith('.') ? moved : `./${moved}`;
}
