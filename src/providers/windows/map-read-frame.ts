/**
 * One host's frame as live state: its validated state, its GPOs, or structured errors.
 * Malformed or partial output is that host's error, never an exception.
 */
import type { HostError, LiveGpo, LiveHost } from '../../model/live-state.js';
import type { FanOutFrame } from '../../transport/host-target.js';
import { hostErrorFromFailure, hostErrorFromFrame, invalidOutput, type ScriptFailure } from './map-host-failure.js';
import type { PlannedRead } from './plan-reads.js';
import type { HostOutputValidators } from './validate-host-output.js';

export interface ReadOutcome {
  hosts: LiveHost[];
  gpos: LiveGpo[];
  errors: HostError[];
}

interface ReadPayload {
  host?: unknown;
  hostError?: ScriptFailure;
  gpos?: { gpo?: unknown; name?: string; domain?: string; error?: ScriptFailure }[];
}

function parsePayload(text: string | undefined): ReadPayload | string {
  if (!text) return 'the host script returned nothing';
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the host script did not return a JSON object';
    return value as ReadPayload;
  } catch {
    return `the host script returned text that is not JSON: ${JSON.stringify(text.slice(0, 80))}`;
  }
}

function failEverything(read: PlannedRead, error: (host: string, step: string) => HostError): ReadOutcome {
  const errors: HostError[] = [];
  if (read.readHost) errors.push(error(read.host, 'read-host'));
  for (const gpo of read.gpos) {
    const failed = error(read.host, 'read-gpo');
    errors.push({ ...failed, message: `GPO "${gpo.name}" (${gpo.domain}): ${failed.message}` });
  }
  return { hosts: [], gpos: [], errors };
}

function mapHost(read: PlannedRead, payload: ReadPayload, validators: HostOutputValidators, outcome: ReadOutcome): void {
  if (payload.hostError) {
    outcome.errors.push(hostErrorFromFailure(read.host, payload.hostError, 'read-host'));
    return;
  }
  if (payload.host === undefined) {
    outcome.errors.push(invalidOutput(read.host, 'read-host', 'partial output: the host script returned no host state'));
    return;
  }
  const state = typeof payload.host === 'object' && payload.host !== null ? { ...payload.host, host: read.host } : payload.host;
  if (validators.host(state)) outcome.hosts.push(state);
  else outcome.errors.push(invalidOutput(read.host, 'read-host', `the host state does not match the live-state schema: ${validators.describe('host')}`));
}

function mapGpos(read: PlannedRead, payload: ReadPayload, validators: HostOutputValidators, outcome: ReadOutcome): void {
  const entries = Array.isArray(payload.gpos) ? payload.gpos : [];
  for (const wanted of read.gpos) {
    const label = `GPO "${wanted.name}" (${wanted.domain})`;
    const entry = entries.find((item) => {
      const named = (item.gpo ?? item) as { name?: unknown; domain?: unknown };
      return named.name === wanted.name && named.domain === wanted.domain;
    });
    if (!entry) {
      outcome.errors.push(invalidOutput(read.host, 'read-gpo', `partial output: ${label} is missing from the answer`));
    } else if (entry.error) {
      const error = hostErrorFromFailure(read.host, entry.error, 'read-gpo');
      outcome.errors.push({ ...error, message: `${label}: ${error.message}` });
    } else if (validators.gpo(entry.gpo)) {
      outcome.gpos.push(entry.gpo);
    } else {
      outcome.errors.push(invalidOutput(read.host, 'read-gpo', `${label} does not match the live-state schema: ${validators.describe('gpo')}`));
    }
  }
}

export function mapReadFrame(read: PlannedRead, frame: FanOutFrame, validators: HostOutputValidators): ReadOutcome {
  if (frame.status !== 'ok') return failEverything(read, (host, step) => hostErrorFromFrame(host, frame, step));
  const payload = parsePayload(frame.payload);
  if (typeof payload === 'string') return failEverything(read, (host, step) => invalidOutput(host, step, payload));
  const outcome: ReadOutcome = { hosts: [], gpos: [], errors: [] };
  if (read.readHost) mapHost(read, payload, validators, outcome);
  mapGpos(read, payload, validators, outcome);
  return outcome;
}

export function failRead(read: PlannedRead, error: (host: string, step: string) => HostError): ReadOutcome {
  return failEverything(read, error);
}
