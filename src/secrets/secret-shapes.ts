/**
 * The shape Windows requires of each key-pack secret (windows-reference.md §2.8), checked the
 * same way by every provider before a value leaves rdsctl. A file that holds anything else
 * (an SSH key, a note) is refused, and the message describes the shape, never the value.
 */
import type { KeyPackSecretRefs } from '../model/operation.js';

export interface SecretShape {
  readonly key: keyof KeyPackSecretRefs;
  readonly label: string;
  readonly pattern: RegExp;
  readonly shape: string;
}

export const SECRET_SHAPES: Readonly<Record<keyof KeyPackSecretRefs, SecretShape>> = {
  agreementNumber: { key: 'agreementNumber', label: 'agreement number', pattern: /^\d{7}$/, shape: '7 digits' },
  licenseNumber: { key: 'licenseNumber', label: 'Open licence number', pattern: /^\d{8}$/, shape: '8 digits' },
  authorizationNumber: {
    key: 'authorizationNumber',
    label: 'Open authorisation number',
    pattern: /^[A-Za-z0-9]{15}$/,
    shape: '15 letters or digits, without hyphens',
  },
  retailKey: { key: 'retailKey', label: 'retail licence code', pattern: /^[A-Za-z0-9]{25}$/, shape: '25 letters or digits, without hyphens' },
};

/** Why `value` cannot be the secret `key`, without quoting it; undefined when it has the shape. */
export function describeSecretShapeProblem(key: keyof KeyPackSecretRefs, value: string): string | undefined {
  const shape = SECRET_SHAPES[key];
  return shape.pattern.test(value) ? undefined : `the ${shape.label} must be ${shape.shape}; the value given is not (it is not shown)`;
}
