/**
 * A host's apply answer as an ApplyResponse. Output that is malformed or cut short becomes a
 * structured failure; every message is scrubbed of the secrets that were sent.
 */
import type { ApplyFailure, ApplyResponse, OperationResult } from '../provider.js';
import type { ApplyAnswer } from './batch-applies.js';
import { cleanMessage, hostErrorForMissingFrame, hostErrorFromFrame, type ScriptFailure } from './map-host-failure.js';
import { hideSecrets } from './resolve-operation-secrets.js';

const STATUSES: ReadonlySet<string> = new Set(['done', 'noop', 'failed']);

function isResult(value: unknown): value is OperationResult {
  const item = value as OperationResult | null;
  return typeof item === 'object' && item !== null && typeof item.kind === 'string' && STATUSES.has(item.status);
}

function failure(code: string, message: string, step = 'apply'): ApplyResponse {
  return { ok: false, results: [], error: { code, message, step } };
}

function mapPayload(text: string | undefined, operations: readonly unknown[]): ApplyResponse {
  let value: { ok?: unknown; results?: unknown; error?: ScriptFailure };
  try {
    value = JSON.parse(text ?? '') as typeof value;
  } catch {
    return failure('INVALID_OUTPUT', 'the host script returned text that is not JSON; re-read the host before retrying');
  }
  const results = Array.isArray(value?.results) ? value.results : undefined;
  if (!results || !results.every(isResult) || typeof value.ok !== 'boolean') {
    return failure('INVALID_OUTPUT', 'the host script returned an answer without per-operation results; re-read the host before retrying');
  }
  const response: ApplyResponse = { ok: value.ok, results: results.map((r) => ({ kind: r.kind, status: r.status, ...(r.detail ? { detail: r.detail } : {}) })) };
  if (value.ok && results.length !== operations.length) {
    return { ...response, ok: false, error: { code: 'INVALID_OUTPUT', message: `partial output: ${results.length} of ${operations.length} operations reported`, step: 'apply' } };
  }
  if (!value.ok) {
    const scriptFailure = value.error ?? {};
    const error: ApplyFailure = { code: scriptFailure.code ?? 'APPLY_FAILED', message: cleanMessage(scriptFailure.message ?? '') };
    if (scriptFailure.step) error.step = scriptFailure.step;
    if (scriptFailure.windowsCode) error.windowsCode = `0x${scriptFailure.windowsCode.replace(/^0x/i, '').toUpperCase()}`;
    response.error = error;
  }
  return response;
}

function scrub(response: ApplyResponse, secrets: readonly string[]): ApplyResponse {
  const results = response.results.map((r) => (r.detail ? { ...r, detail: hideSecrets(r.detail, secrets) } : r));
  const error = response.error ? { ...response.error, message: hideSecrets(response.error.message, secrets) } : undefined;
  return error ? { ...response, results, error } : { ...response, results };
}

/** `operations`: what was sent, one result expected for each. */
export function mapApplyAnswer(host: string, answer: ApplyAnswer, operations: readonly unknown[], secrets: readonly string[]): ApplyResponse {
  let response: ApplyResponse;
  if (!answer.frame) {
    const error = hostErrorForMissingFrame(host, answer.run, 'apply');
    response = failure(error.code, `${error.message}; some operations may have run: re-read the host before retrying`);
  } else if (answer.frame.status !== 'ok') {
    const error = hostErrorFromFrame(host, answer.frame, 'apply');
    const caveat = answer.frame.status === 'timeout' ? '; some operations may have run: re-read the host before retrying' : '';
    response = failure(error.code, `${error.message}${caveat}`);
  } else {
    response = mapPayload(answer.frame.payload, operations);
  }
  return scrub(response, secrets);
}
