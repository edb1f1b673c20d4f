/**
 * Carries out one change through the provider, then re-reads its target and verifies that
 * the change is no longer needed. Never throws: every failure becomes an `ActionResult`.
 */
import { performance } from 'node:perf_hooks';
import type { ActionResult } from '../model/action-result.js';
import type { Change } from '../model/change.js';
import type { ChangeIntent } from '../model/change-intent.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { SecretResolver } from '../model/operation.js';
import { isRdsctlError } from '../model/rdsctl-error.js';
import type { ApplyFailure, Provider } from '../providers/provider.js';
import type { DesiredModel } from './desired-model.js';
import { diffTarget, overlayLiveIndex, type DesiredLookup } from './diff-target.js';
import type { LiveIndex } from './live-index.js';

export interface ExecuteContext {
  desired: DesiredModel;
  lookup: DesiredLookup;
  baseLive: LiveIndex;
  provider: Provider;
  resolveSecret: SecretResolver;
}

const POLICY_CONTROLLED = '0x80041016';

export async function executeChange(change: Change, context: ExecuteContext, intent?: ChangeIntent): Promise<ActionResult> {
  const started = performance.now();
  const finish = (outcome: ActionResult['outcome'], performed: string[], diagnostics: Diagnostic[]): ActionResult => ({
    address: change.address,
    outcome,
    durationMs: Math.round(performance.now() - started),
    performed,
    diagnostics,
  });

  let response;
  try {
    response = await context.provider.apply({ target: change.target, operations: change.operations, resolveSecret: context.resolveSecret, ...(intent ? { intent } : {}) });
  } catch (error) {
    return finish('failed', [], [failureDiagnostic(change, errorToFailure(error))]);
  }
  const performed = response.results.filter((result) => result.detail).map((result) => result.detail as string);
  if (!response.ok) {
    return finish('failed', performed, [failureDiagnostic(change, response.error ?? { code: 'APPLY_FAILED', message: 'the provider reported a failure' })]);
  }

  const verification = await verifyChange(change, context);
  if (verification) return finish('failed', performed, [verification]);
  const changedSomething = response.results.some((result) => result.status === 'done');
  return finish(changedSomething ? 'applied' : 'unchanged', performed, []);
}

async function verifyChange(change: Change, context: ExecuteContext): Promise<Diagnostic | undefined> {
  const target = change.target;
  let fresh;
  try {
    fresh = await context.provider.read({
      hosts: target.kind === 'host' ? [target.host] : [],
      gpos: target.kind === 'gpo' ? [{ name: target.gpo, domain: target.domain }] : [],
      parallelism: 1,
    });
  } catch (error) {
    return failureDiagnostic(change, { code: 'VERIFY_FAILED', message: `could not re-read after the change: ${errorToFailure(error).message}` });
  }
  const readError = fresh.errors[0];
  if (readError) return failureDiagnostic(change, { code: 'VERIFY_FAILED', message: `could not re-read after the change: ${readError.message}` });
  const live = overlayLiveIndex(context.baseLive, { host: fresh.hosts[0], gpo: fresh.gpos[0] });
  const remaining = diffTarget(target, context.desired, context.lookup, live).changes.find((other) => other.address === change.address);
  if (remaining === undefined) return undefined;
  const still = remaining.attributes.map((attribute) => `${attribute.name} is ${JSON.stringify(attribute.before)}`).join(', ');
  return {
    severity: 'error',
    code: 'DID_NOT_CONVERGE',
    summary: `the change was made but a re-read shows ${still || 'it is still needed'}`,
    hint: 'something on the host reverted or overrides the value; run rdsctl plan to see the current state',
    address: change.address,
  };
}

function errorToFailure(error: unknown): ApplyFailure {
  if (isRdsctlError(error)) return { code: error.code, message: error.message };
  return { code: 'APPLY_FAILED', message: error instanceof Error ? error.message : String(error) };
}

function failureDiagnostic(change: Change, failure: ApplyFailure): Diagnostic {
  const policyControlled = failure.windowsCode?.toLowerCase() === POLICY_CONTROLLED;
  return {
    severity: 'error',
    code: failure.code,
    summary: failure.message,
    detail: failure.windowsCode ? `Windows error ${failure.windowsCode}${failure.step ? ` in ${failure.step}` : ''}` : failure.step ? `step: ${failure.step}` : undefined,
    hint: policyControlled
      ? 'the setting is controlled by Group Policy: configure the pool with configuredBy: { gpo: NAME } and change the value in that GPO'
      : undefined,
    address: change.address,
  };
}
