/**
 * The secrets a key-pack install needs, resolved only now and checked for the shape Windows
 * requires (windows-reference.md §2.8). Messages describe the expected shape and never
 * contain the value.
 */
import { createHash } from 'node:crypto';
import { isRdsctlError } from '../../../model/rdsctl-error.js';
import type { KeyPackSecretRefs, SecretResolver } from '../../../model/operation.js';
import type { LicenseProgram, SecretRef } from '../../../model/spec.js';
import type { KeyPackChannel } from '../../../model/live-state.js';
import { describeSecretShapeProblem, SECRET_SHAPES, type SecretShape } from '../../../secrets/secret-shapes.js';
import { failed, type OperationOutcome } from './operation-outcome.js';

export interface ResolvedKeyPackSecrets {
  /** SHA-256 (hex) of a retail code: all the lab keeps of it. */
  retailCodeHash?: string;
}

type SecretRule = SecretShape;

const AGREEMENT_NUMBER = SECRET_SHAPES.agreementNumber;
const OPEN_LICENSE_NUMBER = SECRET_SHAPES.licenseNumber;
const OPEN_AUTHORIZATION_NUMBER = SECRET_SHAPES.authorizationNumber;
const RETAIL_CODE = SECRET_SHAPES.retailKey;

/** How a programme installs: its secrets and the channel Windows files the pack under. */
export function installRulesOf(program: LicenseProgram): { channel: KeyPackChannel; secrets: SecretRule[] } {
  if (program === 'retail') return { channel: 'retail', secrets: [RETAIL_CODE] };
  if (program === 'open') return { channel: 'open', secrets: [OPEN_LICENSE_NUMBER, OPEN_AUTHORIZATION_NUMBER] };
  return { channel: 'volume', secrets: [AGREEMENT_NUMBER] };
}

export async function resolveKeyPackSecrets(
  program: LicenseProgram,
  refs: KeyPackSecretRefs,
  resolveSecret: SecretResolver,
  purpose: string,
): Promise<ResolvedKeyPackSecrets | OperationOutcome> {
  const resolved: ResolvedKeyPackSecrets = {};
  for (const rule of installRulesOf(program).secrets) {
    const ref: SecretRef | undefined = refs[rule.key];
    if (!ref) return failed('SECRET_MISSING', `installing ${program} licences needs the ${rule.label}, and the key pack does not reference one`);
    let value: string;
    try {
      value = await resolveSecret(ref, `${rule.label} ${purpose}`);
    } catch (error) {
      return failed(isRdsctlError(error) ? error.code : 'SECRET_UNAVAILABLE', isRdsctlError(error) ? error.message : `the ${rule.label} could not be read`);
    }
    const problem = describeSecretShapeProblem(rule.key, value);
    if (problem !== undefined) return failed('SECRET_INVALID', problem);
    if (rule === RETAIL_CODE) resolved.retailCodeHash = hashRetailCode(value);
  }
  return resolved;
}

export function hashRetailCode(code: string): string {
  return createHash('sha256').update(code.toUpperCase()).digest('hex');
}
