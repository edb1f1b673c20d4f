/**
 * Diff of an RD Connection Broker's deployment licensing. A broker rdsctl owns
 * (`licensingOwner: rdsctl`) is converged to its pools' mode and ordered servers; its session
 * hosts receive them from the broker, so they are never rewritten locally. A broker that owns
 * its settings is only read.
 */
import { connectionBrokerAddress } from '../model/address.js';
import type { AttributeChange, Change } from '../model/change.js';
import type { DesiredConnectionBroker } from './desired-model.js';
import type { DiffContext } from './diff-context.js';
import { compareServerLists } from './compare-server-lists.js';
import { guardChange } from './guard-rails.js';

export function diffConnectionBroker(desired: DesiredConnectionBroker, ctx: DiffContext, activeSessions: number): Change[] {
  const live = ctx.live.host(desired.host)?.connectionBroker;
  if (live === undefined) {
    ctx.diagnostics.push({
      severity: 'error',
      code: 'BROKER_NOT_READ',
      summary: `${desired.host} reports no RD Connection Broker deployment licensing`,
      hint: `check that ${desired.host} is the deployment's RD Connection Broker and has the RemoteDesktop module; pools ${describePools(desired.pools)} name it`,
      address: connectionBrokerAddress(desired.host),
    });
    return [];
  }
  if (desired.owner === 'broker' || desired.licensingMode === undefined || desired.licenseServers === undefined) return [];
  const attributes: AttributeChange[] = [];
  if (live.licensingMode !== desired.licensingMode) attributes.push({ name: 'licensingMode', before: live.licensingMode, after: desired.licensingMode });
  if (!compareServerLists(live.licenseServers, desired.licenseServers, ctx.live.addressesOf).equal) {
    attributes.push({ name: 'licenseServers', before: [...live.licenseServers], after: [...desired.licenseServers] });
  }
  if (attributes.length === 0) return [];
  const change: Change = {
    address: connectionBrokerAddress(desired.host),
    resource: 'connectionBroker',
    action: 'update',
    target: { kind: 'host', host: desired.host },
    attributes,
    // Set-RDLicenseConfiguration takes the mode and the whole list in one call.
    operations: [{ kind: 'setDeploymentLicensing', mode: desired.licensingMode, servers: [...desired.licenseServers] }],
    reason: `${desired.pools.length === 1 ? 'pool' : 'pools'} ${describePools(desired.pools)} ${desired.pools.length === 1 ? 'takes its' : 'take their'} licensing settings from this broker, which pushes them to its session hosts`,
    dependsOn: [],
  };
  return [guardChange(change, ctx.desired.policy, { activeSessions })];
}

function describePools(pools: readonly string[]): string {
  return pools.map((pool) => `"${pool}"`).join(', ');
}
