/**
 * Checks what a host script returned against the live-state schema (loaded at run time from
 * `schemas/live-state.schema.json`), so malformed output becomes that host's error.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { LiveGpo, LiveHost } from '../../model/live-state.js';

export interface HostOutputValidators {
  host: (value: unknown) => value is LiveHost;
  gpo: (value: unknown) => value is LiveGpo;
  /** Readable problems of the last failed check. */
  describe: (kind: 'host' | 'gpo') => string;
}

// ajv-formats ships CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  const lines = (errors ?? []).slice(0, 3).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
  const more = (errors?.length ?? 0) > 3 ? ` (and ${(errors?.length ?? 0) - 3} more)` : '';
  return lines.join('; ') + more;
}

export function loadHostOutputValidators(schemaFile: string): HostOutputValidators {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(schema, 'live-state');
  const host = ajv.getSchema('live-state#/definitions/LiveHost') as ValidateFunction<LiveHost> | undefined;
  const gpo = ajv.getSchema('live-state#/definitions/LiveGpo') as ValidateFunction<LiveGpo> | undefined;
  if (!host || !gpo) throw new Error(`${schemaFile} has no LiveHost or LiveGpo definition`);
  return {
    host: (value: unknown): value is LiveHost => host(value) && !(typeof value === 'object' && value !== null && 'lab' in value),
    gpo: (value: unknown): value is LiveGpo => gpo(value),
    describe: (kind) => (kind === 'host' ? describeErrors(host.errors) || '/lab is simulation-only' : describeErrors(gpo.errors)),
  };
}
