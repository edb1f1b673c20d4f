/** `Provider.apply` for Windows: one target (a host, or a GPO on the management host), in order. */
import { activationCountryName } from '../../model/activation-country.js';
import type { Operation } from '../../model/operation.js';
import type { SettledIntent } from '../../model/change-intent.js';
import { isRdsctlError, RdsctlError } from '../../model/rdsctl-error.js';
import { settleRequests, type LedgerIntent } from './ledger-intents.js';
import type { ApplyRequest, ApplyResponse } from '../provider.js';
import { attachDirectoryCredential } from './attach-directory-credential.js';
import type { ApplyBatcher } from './batch-applies.js';
import { mapApplyAnswer } from './map-apply-answer.js';
import { readConnectionPassword } from './read-connection-password.js';
import { resolveHostTarget } from './resolve-host-target.js';
import { resolveOperationSecrets } from './resolve-operation-secrets.js';
import type { WindowsProviderContext } from './windows-provider-context.js';

/** The licence server is sent the English country name its activation wizard lists, whichever spelling the spec used. */
function withWindowsCountryName(operation: Operation): Operation {
  if (operation.kind !== 'activateServer') return operation;
  const countryRegion = activationCountryName(operation.contact.countryRegion) ?? operation.contact.countryRegion;
  return { ...operation, contact: { ...operation.contact, countryRegion } };
}

function refuse(code: string, message: string, step = 'apply'): ApplyResponse {
  return { ok: false, results: [], error: { code, message, step } };
}

export async function applyWindowsOperations(context: WindowsProviderContext, batcher: ApplyBatcher, request: ApplyRequest): Promise<ApplyResponse> {
  const { connection, specDirectory } = context.options;
  const host = request.target.kind === 'host' ? request.target.host : connection.gpoManagementHost;
  if (!host) {
    return refuse('NO_MANAGEMENT_HOST', 'GPO changes run on connection.gpoManagementHost, which is not set');
  }
  if (request.signal?.aborted) return refuse('ABORTED', 'cancelled before it started');
  let resolved;
  try {
    resolved = await resolveOperationSecrets(request.operations.map(withWindowsCountryName), request.resolveSecret, host);
    resolved = await attachDirectoryCredential(resolved, connection, request.resolveSecret, host);
  } catch (error) {
    return refuse('SECRET_UNAVAILABLE', isRdsctlError(error) ? error.message : 'a secret needed for this change could not be resolved', 'resolve-secrets');
  }
  const password = await readConnectionPassword(connection, specDirectory);
  const answer = await batcher.submit({
    host,
    target: resolveHostTarget({ connection, specDirectory, host, password, remotePowerShellByHost: context.options.remotePowerShellByHost }),
    timeoutSeconds: context.applyTimeoutSeconds,
    // The intent is the runner's audit record of the change (no secrets), for the install ledger.
    inputJson: JSON.stringify({ host, phase: 'apply', operations: resolved.operations, ...(request.intent ? { intent: request.intent } : {}) }),
  });
  return mapApplyAnswer(host, answer, request.operations, resolved.secrets);
}

/**
 * Records in each licence server's install ledger what this run observed for the revocations a
 * killed run left unfinished there; throws when a ledger could not be written, before any change.
 */
export async function settleWindowsLedgers(context: WindowsProviderContext, batcher: ApplyBatcher, known: readonly LedgerIntent[], settled: readonly SettledIntent[]): Promise<void> {
  const { connection, specDirectory } = context.options;
  const password = await readConnectionPassword(connection, specDirectory);
  const requests = settleRequests(known, settled);
  const answers = await Promise.all(
    requests.map(async ({ host, settled: items }) => {
      const answer = await batcher.submit({
        host,
        target: resolveHostTarget({ connection, specDirectory, host, password, remotePowerShellByHost: context.options.remotePowerShellByHost }),
        timeoutSeconds: context.applyTimeoutSeconds,
        inputJson: JSON.stringify({ host, phase: 'settle-ledger', settled: items }),
      });
      return { host, response: mapApplyAnswer(host, answer, items, []) };
    }),
  );
  const failed = answers.find(({ response }) => !response.ok);
  if (failed) {
    throw new RdsctlError({
      code: 'LEDGER_UNWRITABLE',
      kind: 'environment',
      message: `the install ledger on ${failed.host} could not record what this run observed (${failed.response.error?.message ?? 'no answer'}); nothing was changed`,
      hint: 'check that the licence server is reachable and ProgramData\\rdsctl is writable, then apply again',
    });
  }
}
