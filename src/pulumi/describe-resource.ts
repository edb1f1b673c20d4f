/**
 * Rebuilds a managed resource from a child's own inputs, so reads and deletes work for an
 * address the spec no longer declares (Pulumi still holds it in the stack until deleted).
 */
import type { ManagedResource } from '../engine/list-managed-resources.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import type { ResourceInputs } from './resource-inputs.js';

export function describeResource(inputs: ResourceInputs): ManagedResource {
  const desired = inputs.desired ?? {};
  const text = (key: string): string | undefined => (typeof desired[key] === 'string' ? (desired[key] as string) : undefined);
  const base = { address: inputs.address, resource: inputs.kind, dependsOn: [] };
  if (inputs.kind === 'gpo' || inputs.kind === 'gpo.link') {
    const gpo = text('gpo') ?? /^gpo\[(.*?)\](\.link\[|$)/.exec(inputs.address)?.[1];
    const domain = text('domain');
    if (gpo === undefined || domain === undefined) throw incomplete(inputs);
    return { ...base, target: { kind: 'gpo', gpo, domain }, ...(inputs.kind === 'gpo.link' ? { ou: text('ou') } : {}) };
  }
  const host = text('host');
  if (host === undefined) throw incomplete(inputs);
  return { ...base, target: { kind: 'host', host }, ...(inputs.kind === 'licenseServer.keyPack' ? { keyPack: text('name') } : {}) };
}

function incomplete(inputs: ResourceInputs): RdsctlError {
  return new RdsctlError({
    code: 'USAGE',
    kind: 'user',
    message: `the inputs of ${inputs.address} do not say which host or GPO it is`,
    hint: 'create rdsctl resources through rds.Estate, which fills them from the spec',
  });
}
