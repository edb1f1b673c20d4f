/**
 * The secrets a plan's changes will need when applied: every reference of every runnable
 * (not refused) change, in plan order. Pure: references only, never values.
 */
import type { Plan } from '../model/plan.js';
import type { SecretRef } from '../model/spec.js';

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

/** `env RDS_EA_NUMBER` or `file secrets/retail.txt`. */
export function describeSecretRef(ref: SecretRef): string {
  return ref.env !== undefined ? `env ${ref.env}` : `file ${ref.file ?? '?'}`;
}
