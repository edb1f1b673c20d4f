/**
 * The secrets a plan's changes will need when applied: every reference of every runnable
 * (not refused) change, in plan order. Pure: references only, never values.
 */
import type { Plan } from '../model/plan.js';
import type { ConnectionSpec, SecretRef } from '../model/spec.js';

export interface NeededSecret {
  address: string;
  /** The spec field holding the reference, e.g. `agreementNumber`. */
  field: string;
  ref: SecretRef;
}

export function listNeededSecrets(plan: Plan): NeededSecret[] {
  const needed: NeededSecret[] = [];
  for (const change of plan.changes) {
    if (change.refused) continue;
    for (const operation of change.operations) {
      if (operation.kind !== 'installLicenses') continue;
      for (const [field, ref] of Object.entries(operation.secrets)) {
        if (ref !== undefined) needed.push({ address: change.address, field, ref });
      }
    }
  }
  return needed;
}

/**
 * Secrets of the connection a plan's changes will need: on Windows, the directory credential's
 * password, when a runnable change sets a domain or forest scope (which adds the licence
 * server to Terminal Server License Servers through ADSI).
 */
export function listConnectionSecrets(plan: Plan, connection: ConnectionSpec): NeededSecret[] {
  const credential = connection.directoryCredential;
  if (credential === undefined || plan.provider !== 'windows') return [];
  const change = plan.changes.find((candidate) => !candidate.refused && candidate.operations.some((operation) => operation.kind === 'setDiscoveryScope' && operation.scope !== 'workgroup'));
  return change === undefined ? [] : [{ address: change.address, field: 'connection.directoryCredential.password', ref: credential.password }];
}

/** `env RDS_EA_NUMBER` or `file secrets/retail.txt`. */
export function describeSecretRef(ref: SecretRef): string {
  return ref.env !== undefined ? `env ${ref.env}` : `file ${ref.file ?? '?'}`;
}
