/**
 * Failures as HostErrors: what a host script reported, what the runner saw (timeout,
 * unreachable), or a host that never answered. Messages are cleaned of CLIXML and ANSI noise.
 */
import type { HostError } from '../../model/live-state.js';
import { decodeClixml } from '../../transport/decode-clixml.js';
import type { FanOutFrame } from '../../transport/host-target.js';
import type { FanOutRun } from '../../transport/run-fan-out.js';

/** A structured failure as the host scripts write it. */
export interface ScriptFailure {
  code?: string;
  step?: string;
  message?: string;
  windowsCode?: string;
}

const ACCESS_DENIED_CODES: ReadonlySet<string> = new Set(['0x80041003', '0x80070005']);

export function cleanMessage(text: string): string {
  return decodeClixml(text) || 'no message';
}

export function hostErrorFromFailure(host: string, failure: ScriptFailure, fallbackStep: string): HostError {
  const windowsCode = failure.windowsCode ? `0x${failure.windowsCode.replace(/^0x/i, '').toUpperCase()}` : undefined;
  let code: HostError['code'] = 'READ_FAILED';
  if (windowsCode && ACCESS_DENIED_CODES.has(windowsCode)) code = 'ACCESS_DENIED';
  else if (failure.code === 'NOT_FOUND') code = 'NOT_FOUND';
  const error: HostError = { host, code, message: cleanMessage(failure.message ?? ''), step: failure.step ?? fallbackStep };
  if (windowsCode) error.windowsCode = windowsCode;
  return error;
}

export function hostErrorFromFrame(host: string, frame: FanOutFrame, step: string): HostError {
  const message = cleanMessage(frame.error?.message ?? '');
  if (frame.status === 'timeout') return { host, code: 'HOST_TIMEOUT', step, message: `${host} did not answer: ${message}` };
  // The ssh transport classifies what the OpenSSH client reported; those classes pass through.
  const sshCode = frame.error?.code;
  if (sshCode === 'AUTH_FAILED' || sshCode === 'HOST_KEY_MISMATCH') return { host, code: sshCode, step, message: `cannot log in to ${host}: ${message}` };
  if (frame.status === 'unreachable') return { host, code: 'HOST_UNREACHABLE', step, message: `cannot reach ${host}: ${message}` };
  return { host, code: 'READ_FAILED', step, message };
}

export function hostErrorForMissingFrame(host: string, run: FanOutRun, step: string): HostError {
  if (run.aborted) return { host, code: 'HOST_TIMEOUT', step, message: `the run was cancelled before ${host} answered` };
  if (run.timedOut) return { host, code: 'HOST_TIMEOUT', step, message: `${host} did not answer before the run's time limit` };
  const why = run.startError ?? (run.stderr ? run.stderr.split('\n').slice(-3).join('; ') : `exit code ${run.exitCode ?? 'unknown'}`);
  return { host, code: 'READ_FAILED', step, message: `the PowerShell runner ended without an answer for ${host}: ${why}` };
}

export function invalidOutput(host: string, step: string, message: string): HostError {
  return { host, code: 'INVALID_OUTPUT', step, message };
}
