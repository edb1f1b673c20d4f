/**
 * Delete, per resource, with the CLI's guard rails:
 *
 * - a key pack: its licences are removed as the spec without that pack would remove them,
 *   which the keyPackRemoval guard rail refuses unless `policy.allow.keyPackRemoval` is true
 *   (the delete then fails with the rule's message and the resource stays in the stack);
 * - everything else (licence-server service, firewall, activation, discovery, a session host's
 *   licensing, grace period and TermService, a GPO and its links) is left as it is on the
 *   estate: rdsctl never undoes a setting it stops managing, and no policy key asks it to.
 *
 * Every delete holds the apply lock for its duration, like create and update.
 */
import type { DesiredModel } from '../engine/desired-model.js';
import { groupKey, groupOfKeyPack } from '../engine/key-pack-groups.js';
import type { ManagedResource } from '../engine/list-managed-resources.js';
import { keyPackAddress } from '../model/address.js';
import { canonicalHostName } from '../model/host-name.js';
import type { KeyPackSpec } from '../model/spec.js';
import { convergeResource } from './converge-resource.js';
import { withApplyLock } from './engine-adapter.js';
import type { EstateContext } from './estate-context.js';

export async function removeResource(context: EstateContext, resource: ManagedResource, pack: KeyPackSpec | undefined, lockTimeoutMs: number): Promise<void> {
  if (resource.resource !== 'licenseServer.keyPack' || pack === undefined || resource.target.kind !== 'host') {
    await withApplyLock(context.provider, { timeoutMs: lockTimeoutMs, deployment: context.desired.deployment, specFile: context.loaded.file }, async () => undefined);
    return;
  }
  const host = resource.target.host;
  const surplus = keyPackAddress(host, `~${groupKey(groupOfKeyPack(pack))}`);
  await convergeResource(context, resource, { lockTimeoutMs, desired: withoutKeyPack(context.desired, host, pack.name), target: surplus });
}

function withoutKeyPack(desired: DesiredModel, host: string, name: string): DesiredModel {
  const key = canonicalHostName(host);
  return {
    ...desired,
    licenseServers: desired.licenseServers.map((server) =>
      canonicalHostName(server.host) === key ? { ...server, keyPacks: server.keyPacks.filter((pack) => pack.name !== name) } : server,
    ),
  };
}
