/**
 * Carries out one change's operations against the lab estate, in order, stopping at the first
 * failure, and persists the estate once when something changed. Results report what was
 * actually done before a failure; an interrupted apply stops before the next operation. A
 * change that adds up (licence installs, revocations) is recorded in the estate's intent ledger
 * before it starts and after it ends (`intent-ledger.ts`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Operation } from '../../model/operation.js';
import type { ApplyFailure, ApplyRequest, ApplyResponse, OperationResult } from '../provider.js';
import { displayPath } from '../../io/display-path.js';
import { describeWriteError, needsLedger, recordIntent, recordOutcome } from './intent-ledger.js';
import type { LabEstateStore } from './lab-estate-store.js';
import { applyBrokerOperation } from './operations/broker-operations.js';
import { applyGpoOperation, type GpoOperation } from './operations/gpo-operations.js';
import { installLicenses } from './operations/install-licenses.js';
import { applyLicenseServerOperation } from './operations/license-server-operations.js';
import { failed, type HostOperationContext, type OperationOutcome } from './operations/operation-outcome.js';
import { removeLicenses } from './operations/remove-licenses.js';
import { revokeLicense } from './operations/revoke-license.js';
import { applySessionHostOperation } from './operations/session-host-operations.js';

const GPO_OPERATIONS: ReadonlySet<Operation['kind']> = new Set(['setGpoLicensingMode', 'setGpoLicenseServers', 'createGpo', 'linkGpo']);

function isGpoOperation(operation: Operation): operation is GpoOperation {
  return GPO_OPERATIONS.has(operation.kind);
}

export async function applyToEstate(store: LabEstateStore, request: ApplyRequest): Promise<ApplyResponse> {
  await store.ensureCurrent();
  store.beginApply();
  try {
    let intent;
    if (needsLedger(request.operations)) {
      try {
        intent = recordIntent(store.paths, request);
      } catch (error) {
        return { ok: false, results: [], error: ledgerFailure(store, error) };
      }
    }
    const response = await runOperations(store, request);
    if (intent) {
      const answerDelay = store.estate().lab?.answerDelayMs ?? 0;
      if (answerDelay > 0) await sleep(answerDelay);
      try {
        recordOutcome(store.paths, intent, response.results, response.error);
      } catch {
        // The change is made; its intent stays without outcome, which the next run reports.
      }
    }
    return response;
  } finally {
    store.endApply();
  }
}

function ledgerFailure(store: LabEstateStore, error: unknown): ApplyFailure {
  return { code: 'LEDGER_UNWRITABLE', message: `the intent ledger ${displayPath(store.paths.ledger)} cannot be written (${describeWriteError(error)}); nothing was changed`, step: 'ledger' };
}

async function runOperations(store: LabEstateStore, request: ApplyRequest): Promise<ApplyResponse> {
  const delay = store.estate().lab?.applyDelayMs ?? 0;
  if (delay > 0) await sleep(delay, undefined, { signal: request.signal }).catch(() => undefined);
  const results: OperationResult[] = [];
  let error: ApplyFailure | undefined;
  let changed = false;
  for (const operation of request.operations) {
    if (request.signal?.aborted) {
      error = { code: 'INTERRUPTED', message: `interrupted before ${operation.kind}`, step: operation.kind };
      break;
    }
    const outcome = await runOperation(store, request, operation);
    if (outcome === 'target-missing') {
      error = targetFailure(store, request);
      break;
    }
    if (outcome.status === 'failed') {
      results.push({ kind: operation.kind, status: 'failed', detail: outcome.failure.message });
      error = { ...outcome.failure, step: operation.kind };
      break;
    }
    results.push({ kind: operation.kind, status: outcome.status, detail: outcome.detail });
    changed ||= outcome.status === 'done';
  }
  if (changed) {
    try {
      await store.persist();
    } catch (writeError) {
      store.invalidate();
      error = { code: 'ESTATE_WRITE_FAILED', message: `could not write ${displayPath(store.paths.live)}: ${(writeError as Error).message}` };
    }
  }
  return error ? { ok: false, results, error } : { ok: true, results };
}

async function runOperation(store: LabEstateStore, request: ApplyRequest, operation: Operation): Promise<OperationOutcome | 'target-missing'> {
  const { target } = request;
  if (target.kind === 'gpo') {
    if (!isGpoOperation(operation)) return failed('UNSUPPORTED_OPERATION', `${operation.kind} is carried out on a host, not on a GPO`);
    return applyGpoOperation(operation, store);
  }
  if (isGpoOperation(operation)) return failed('UNSUPPORTED_OPERATION', `${operation.kind} is carried out on a GPO, not on a host`);
  const found = store.findHost(target.host);
  if (!found || found.host.lab?.reachable === false) return 'target-missing';
  if (found.host.lab?.failOperations?.includes(operation.kind)) {
    return failed('SIMULATED_FAILURE', `${operation.kind} failed on ${found.host.host} (simulated)`);
  }
  const ctx: HostOperationContext = {
    current: () => store.estate().hosts[found.index] ?? found.host,
    commit: (next) => store.replaceHost(found.index, next),
    resolveSecret: request.resolveSecret,
    allHosts: () => store.estate().hosts,
  };
  switch (operation.kind) {
    case 'installLicenses':
      return installLicenses(operation, ctx);
    case 'removeLicenses':
      return removeLicenses(operation, ctx);
    case 'revokeLicense':
      return revokeLicense(operation, ctx, new Date().toISOString());
    case 'setServiceState':
      return operation.service === 'TermServLicensing' ? applyLicenseServerOperation(operation, ctx) : applySessionHostOperation(operation, ctx);
    case 'setDeploymentLicensing':
      return applyBrokerOperation(operation, ctx, (name, next) => {
        const other = store.findHost(name);
        if (!other) return;
        const changed = next(store.estate().hosts[other.index] ?? other.host);
        if (changed) store.replaceHost(other.index, changed);
      });
    case 'setFirewallRuleGroup':
    case 'activateServer':
    case 'setDiscoveryScope':
    case 'setPublishedInAD':
      return applyLicenseServerOperation(operation, ctx);
    default:
      return applySessionHostOperation(operation, ctx);
  }
}

function targetFailure(store: LabEstateStore, request: ApplyRequest): ApplyFailure {
  const name = request.target.kind === 'host' ? request.target.host : request.target.gpo;
  if (store.findHost(name)) return { code: 'HOST_UNREACHABLE', message: `${name}: host did not answer (simulated)` };
  return { code: 'NOT_FOUND', message: `${name}: no such host in the lab estate` };
}
