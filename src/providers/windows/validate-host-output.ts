/**
 * Checks what a host script returned against the live-state schema
 * (`schemas/live-state.schema.json`, precompiled at build time), so malformed output becomes
 * that host's error.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { LiveGpo, LiveHost } from '../../model/live-state.js';
import { loadValidators } from '../../validators/load-validators.js';

export interface HostOutputValidators {
  host: (value: unknown) => value is LiveHost;
  gpo: (value: unknown) => value is LiveGpo;
  /** Readable problems of the last failed check. */
  describe: (kind: 'host' | 'gpo') => string;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  const lines = (errors ?? []).slice(0, 3).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
  const more = (errors?.length ?? 0) > 3 ? ` (and ${(errors?.length ?? 0) - 3} more)` : '';
  return lines.join('; ') + more;
}

export function loadHostOutputValidators(): HostOutputValidators {
  const validators = loadValidators('hostOutput');
  const host = validators['host'] as ValidateFunction<LiveHost> | undefined;
  const gpo = validators['gpo'] as ValidateFunction<LiveGpo> | undefined;
  if (!host || !gpo) throw new Error('the live-state schema has no LiveHost or LiveGpo definition');
  return {
    host: (value: unknown): value is LiveHost => host(value) && !(typeof value === 'object' && value !== null && 'lab' in value),
    gpo: (value: unknown): value is LiveGpo => gpo(value),
    describe: (kind) => (kind === 'host' ? describeErrors(host.errors) || '/lab is simulation-only' : describeErrors(gpo.errors)),
  };
}
