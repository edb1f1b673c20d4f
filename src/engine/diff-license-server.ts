/**
 * Diff of a licence server's own settings: licensing service, firewall rule group,
 * activation and discovery. Key packs are diffed in `diff-key-packs.ts`.
 */
import { licenseServerPartAddress } from '../model/address.js';
import type { AttributeChange, Change } from '../model/change.js';
import type { LiveLicenseServer } from '../model/live-state.js';
import type { Operation } from '../model/operation.js';
import { describeFirewallPolicyHold, effectiveRuleGroup, firewallPolicyStores } from '../model/firewall-policy.js';
import type { DesiredLicenseServer } from './desired-model.js';
import type { DiffContext } from './diff-context.js';
import { diffWindowsDirectory } from './diff-windows-directory.js';

export function diffLicenseServerSettings(desired: DesiredLicenseServer, live: LiveLicenseServer, ctx: DiffContext): Change[] {
  return [
    diffService(desired, live),
    diffFirewall(desired, live),
    diffActivation(desired, live, ctx),
    diffDiscovery(desired, live, ctx),
  ].filter((change): change is Change => change !== undefined);
}

function hostChange(
  desired: DesiredLicenseServer,
  part: 'service' | 'firewall' | 'activation' | 'discovery',
  attributes: AttributeChange[],
  operations: Operation[],
  reason: string,
): Change {
  return {
    address: licenseServerPartAddress(desired.host, part),
    resource: `licenseServer.${part}`,
    action: 'update',
    target: { kind: 'host', host: desired.host },
    attributes,
    operations,
    reason,
    dependsOn: [],
  };
}

function diffService(desired: DesiredLicenseServer, live: LiveLicenseServer): Change | undefined {
  if (desired.service === undefined || live.service.state === desired.service) return undefined;
  if (live.service.state === 'missing') return undefined;
  return hostChange(
    desired,
    'service',
    [{ name: 'state', before: live.service.state, after: desired.service }],
    [{ kind: 'setServiceState', service: 'TermServLicensing', state: desired.service }],
    desired.service === 'running' ? 'the Remote Desktop Licensing service must run to issue CALs' : 'the spec wants the licensing service stopped',
  );
}

function diffFirewall(desired: DesiredLicenseServer, live: LiveLicenseServer): Change | undefined {
  const wanted = desired.firewall?.ruleGroup;
  // What counts is the group in effect: Group Policy may deploy the rules or ignore local ones.
  const current = effectiveRuleGroup(live.firewall);
  if (wanted === undefined || current === wanted || live.firewall.ruleGroup === 'missing') return undefined;
  const change = hostChange(
    desired,
    'firewall',
    [{ name: 'ruleGroup', before: current, after: wanted }],
    [{ kind: 'setFirewallRuleGroup', enabled: wanted === 'enabled' }],
    wanted === 'enabled'
      ? 'session hosts reach the licence server over RPC through the "Remote Desktop Licensing Server" rules'
      : 'the spec wants the RD Licensing firewall rules disabled',
  );
  const held = describeFirewallPolicyHold(live.firewall, wanted === 'enabled');
  if (held.length === 0) return change;
  const stores = firewallPolicyStores(live.firewall);
  return {
    ...change,
    refused: {
      rule: 'groupPolicyFirewall',
      message: `a local change cannot take effect: ${held.join('; ')}`,
      remedy: `${wanted === 'enabled' ? 'enable' : 'disable'} the RD Licensing rules (TermServLicensing-*) in the GPO${stores.length > 0 ? ` behind ${stores.join(', ')}` : ' that sets the firewall profile'}${live.firewall.localRulesIgnoredIn?.length ? ', or set "Apply local firewall rules" to Yes in its firewall profile settings' : ''}, then run gpupdate /force on ${desired.host}`,
    },
  };
}

function diffActivation(desired: DesiredLicenseServer, live: LiveLicenseServer, ctx: DiffContext): Change | undefined {
  if (desired.activation === undefined || live.activation.status === 'activated') return undefined;
  if (live.activation.status === 'unknown') {
    ctx.diagnostics.push({
      severity: 'warning',
      code: 'ACTIVATION_UNKNOWN',
      summary: `${desired.host}: activation status could not be read`,
      hint: 'rdsctl needs local administrator rights on the licence server to read its activation status',
      address: licenseServerPartAddress(desired.host, 'activation'),
    });
    return undefined;
  }
  return hostChange(
    desired,
    'activation',
    [{ name: 'status', before: live.activation.status, after: 'activated' }],
    [{ kind: 'activateServer', contact: desired.activation.contact }],
    'an unactivated licence server issues only temporary CALs',
  );
}

function diffDiscovery(desired: DesiredLicenseServer, live: LiveLicenseServer, ctx: DiffContext): Change | undefined {
  const wanted = desired.discovery;
  if (wanted === undefined) return undefined;
  const attributes: AttributeChange[] = [];
  const operations: Operation[] = [];
  if (live.discovery.scope !== wanted.scope) {
    attributes.push({ name: 'scope', before: live.discovery.scope, after: wanted.scope });
    operations.push({ kind: 'setDiscoveryScope', scope: wanted.scope });
  }
  if (ctx.provider === 'windows') return diffWindowsDirectory({ desired, wanted, live, ctx, attributes, operations, hostChange: (a, o, reason) => hostChange(desired, 'discovery', a, o, reason) });
  // Unknown publication (the directory could not be asked) plans nothing: it is not "unpublished".
  if (wanted.publishInAD !== undefined && live.discovery.publishedInAD !== undefined && live.discovery.publishedInAD !== wanted.publishInAD) {
    attributes.push({ name: 'publishInAD', before: live.discovery.publishedInAD, after: wanted.publishInAD });
    operations.push({ kind: 'setPublishedInAD', published: wanted.publishInAD });
  }
  if (attributes.length === 0) return undefined;
  return hostChange(desired, 'discovery', attributes, operations, DISCOVERY_REASON);
}

const DISCOVERY_REASON = 'session hosts find licence servers through the discovery scope and AD publication';
