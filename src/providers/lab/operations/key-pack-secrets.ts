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
import { failed, type OperationOutcome } from './operation-outcome.js';

export interface ResolvedKeyPackSecrets {
  /** SHA-256 (hex) of a retail code: all the lab keeps of it. */
  retailCodeHash?: string;
}

interface SecretRule {
  key: keyof KeyPackSecretRefs;
  label: string;
  pattern: RegExp;
  shape: string;
}

const AGREEMENT_NUMBER: SecretRule = { key: 'agreementNumber', label: 'agreement number', pattern: /^\d{7}$/, shape: '7 digits' };
const OPEN_LICENSE_NUMBER: SecretRule = { key: 'licenseNumber', label: 'Open licence number', pattern: /^\d{8}$/, shape: '8 digits' };
const OPEN_AUTHORIZATION_NUMBER: SecretRule = {
  key: 'authorizationNumber',
  label: 'Open authorisation number',
  pattern: /^[A-Za-z0-9]{15}$/,
  shape: '15 letters or digits, without hyphens',
};
const RETAIL_CODE: SecretRule = { key: 'retailKey', label: 'retail licence code', pattern: /^[A-Za-z0-9]{25}$/, shape: '25 letters or digits, without hyphens' };

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
    if (!rule.pattern.test(value)) return failed('SECRET_INVALID', `the ${rule.label} must be ${rule.shape}; the value given is not (it is not shown)`);
    if (rule === RETAIL_CODE) resolved.retailCodeHash = hashRetailCode(value);
  }
  return resolved;
}

export function hashRetailCode(code: string): string {
  return createHash('sha256').update(code.toUpperCase()).digest('hex');
}
