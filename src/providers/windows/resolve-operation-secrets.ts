/**
 * Operations as the host script receives them: secret references resolved into `secretValues`
 * at apply time (and only for operations that need them), and the list of resolved values so
 * that anything coming back can be scrubbed of them.
 */
import type { KeyPackSecretRefs, Operation, SecretResolver } from '../../model/operation.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { describeSecretShapeProblem } from '../../secrets/secret-shapes.js';

type WithoutSecrets<T> = T extends unknown ? Omit<T, 'secrets'> : never;

export type WireOperation = WithoutSecrets<Operation> & {
  secretValues?: Partial<Record<keyof KeyPackSecretRefs, string>>;
  /** setDiscoveryScope: the directory account ADSI binds with inside the host session. */
  directoryCredential?: { user: string; password: string };
};

export interface ResolvedOperations {
  operations: WireOperation[];
  secrets: string[];
}

const PURPOSES: Readonly<Record<keyof KeyPackSecretRefs, string>> = {
  agreementNumber: 'agreement number',
  licenseNumber: 'Open licence number',
  authorizationNumber: 'Open authorisation number',
  retailKey: 'retail licence code',
};

export async function resolveOperationSecrets(operations: readonly Operation[], resolveSecret: SecretResolver, host: string): Promise<ResolvedOperations> {
  const secrets: string[] = [];
  const wire: WireOperation[] = [];
  for (const operation of operations) {
    if (operation.kind !== 'installLicenses') {
      wire.push(operation);
      continue;
    }
    const { secrets: refs, ...rest } = operation;
    const secretValues: Partial<Record<keyof KeyPackSecretRefs, string>> = {};
    for (const name of Object.keys(PURPOSES) as (keyof KeyPackSecretRefs)[]) {
      const ref = refs[name];
      if (!ref) continue;
      const value = await resolveSecret(ref, `${PURPOSES[name]} for installing licences on ${host}`);
      const problem = describeSecretShapeProblem(name, value);
      if (problem !== undefined) throw new RdsctlError({ code: 'SECRET_UNAVAILABLE', kind: 'user', message: `${problem}, for installing licences on ${host}` });
      secretValues[name] = value;
      if (value) secrets.push(value);
    }
    wire.push({ ...rest, secretValues });
  }
  return { operations: wire, secrets };
}

/** Replaces every resolved secret in `text` so no message or detail ever carries one. */
export function hideSecrets(text: string, secrets: readonly string[]): string {
  let hidden = text;
  for (const secret of secrets) {
    if (secret.length > 0) hidden = hidden.split(secret).join('***');
  }
  return hidden;
}
