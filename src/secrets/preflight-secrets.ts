/**
 * Apply preflight: resolves every secret the plan's changes need before the first change, and
 * checks its shape, so a missing or malformed one stops apply with nothing changed. All missing secrets are reported at once;
 * the values are dropped at once and never printed.
 */
import { listNeededSecrets, type NeededSecret } from '../engine/list-needed-secrets.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { KeyPackSecretRefs, SecretResolver } from '../model/operation.js';
import type { Plan } from '../model/plan.js';
import { isRdsctlError, RdsctlError } from '../model/rdsctl-error.js';
import { describeSecretShapeProblem, SECRET_SHAPES } from './secret-shapes.js';

/** `connectionSecrets`: what the connection adds for this plan (`listConnectionSecrets`). */
export async function preflightSecrets(plan: Plan, resolveSecret: SecretResolver, connectionSecrets: readonly NeededSecret[] = []): Promise<void> {
  const missing: Diagnostic[] = [];
  for (const need of [...listNeededSecrets(plan), ...connectionSecrets]) {
    const purpose = `${need.address} ${need.field}`;
    try {
      const value = await resolveSecret(need.ref, purpose);
      const problem = need.field in SECRET_SHAPES ? describeSecretShapeProblem(need.field as keyof KeyPackSecretRefs, value) : undefined;
      if (problem) missing.push({ severity: 'error', code: 'SECRET_INVALID', summary: `${purpose}: ${problem}`, address: need.address });
    } catch (error) {
      if (!isRdsctlError(error)) throw error;
      missing.push({ severity: 'error', code: error.code, summary: error.message, hint: error.hint, address: need.address });
    }
  }
  if (missing.length === 0) return;
  throw new RdsctlError({
    code: 'SECRETS_MISSING',
    kind: 'user',
    message: `${missing.length === 1 ? 'a secret that apply needs is' : `${missing.length} secrets that apply needs are`} missing or malformed; nothing was changed`,
    hint: 'plan runs without secrets, but apply resolves all of them before its first change; provide them and apply again',
    diagnostics: missing,
  });
}
