/**
 * Licence-server operations other than key packs: the TermServLicensing service, the
 * "Remote Desktop Licensing Server" firewall rules, activation, discovery scope and AD
 * publication. Each re-checks the host and does nothing when its goal already holds.
 */
import type { LiveFirewallRule, LiveLicenseServer } from '../../../model/live-state.js';
import { describeFirewallPolicyHold, effectiveRuleGroup } from '../../../model/firewall-policy.js';
import type { Operation } from '../../../model/operation.js';
import type { LabHost } from '../lab-estate.js';
import { copyHost, done, failed, noop, type HostOperationContext, type OperationOutcome } from './operation-outcome.js';

/** `setServiceState` arrives here for the TermServLicensing service only. */
export type LicenseServerOperation = Extract<
  Operation,
  { kind: 'setServiceState' | 'setFirewallRuleGroup' | 'activateServer' | 'setDiscoveryScope' | 'setPublishedInAD' }
>;

const FIREWALL_GROUP = 'Remote Desktop Licensing Server';
const FIREWALL_RULE_PREFIX = 'TermServLicensing-';

export function applyLicenseServerOperation(operation: LicenseServerOperation, ctx: HostOperationContext): OperationOutcome {
  const host = ctx.current();
  const server = host.licenseServer;
  if (!server) return failed('ROLE_MISSING', `${host.host} is not a licence server (the RD Licensing role is not installed)`);
  const change = (edit: (copy: LiveLicenseServer) => void, detail: string): OperationOutcome => {
    const next: LabHost = copyHost(host);
    edit(next.licenseServer as LiveLicenseServer);
    ctx.commit(next);
    return done(detail);
  };
  switch (operation.kind) {
    case 'setServiceState': {
      const state = server.service.state;
      if (state === 'missing') return failed('SERVICE_MISSING', `service TermServLicensing is not installed on ${host.host}`);
      if (state === operation.state) return noop(`TermServLicensing already ${state}`);
      return change((copy) => (copy.service.state = operation.state), `${operation.state === 'running' ? 'started' : 'stopped'} TermServLicensing`);
    }
    case 'setFirewallRuleGroup': {
      const rules = server.firewall.rules.filter((rule) => rule.name.startsWith(FIREWALL_RULE_PREFIX));
      const verb = operation.enabled ? 'enabled' : 'disabled';
      if (rules.length === 0) {
        return failed('FIREWALL_RULES_MISSING', `the ${FIREWALL_GROUP} firewall rules (${FIREWALL_RULE_PREFIX}*) are missing on ${host.host}`);
      }
      // As on Windows: a local change cannot undo what Group Policy holds (firewall-policy.ts).
      const held = describeFirewallPolicyHold(server.firewall, operation.enabled);
      if (held.length > 0) return failed('POLICY_CONTROLLED', `the RD Licensing rules cannot be ${verb} locally: ${held.join('; ')}; change them in that GPO`);
      const toChange = rules.filter((rule) => rule.owner !== 'groupPolicy' && rule.enabled !== operation.enabled).length;
      if (toChange === 0 || effectiveRuleGroup(server.firewall) === verb) return noop(`${FIREWALL_GROUP} firewall rules already ${verb}`);
      return change((copy) => {
        for (const rule of copy.firewall.rules) {
          if (!rule.name.startsWith(FIREWALL_RULE_PREFIX) || rule.owner === 'groupPolicy') continue;
          rule.enabled = operation.enabled;
          if (rule.effectiveEnabled !== undefined) rule.effectiveEnabled = operation.enabled;
        }
        copy.firewall.ruleGroup = ruleGroupState(copy, (rule) => rule.enabled);
        if (copy.firewall.effectiveRuleGroup !== undefined) copy.firewall.effectiveRuleGroup = ruleGroupState(copy, (rule) => rule.effectiveEnabled ?? rule.enabled);
      }, `${verb} ${toChange} of ${rules.length} ${FIREWALL_GROUP} firewall rules`);
    }
    case 'activateServer': {
      if (server.activation.status === 'activated') return noop('licence server already activated');
      const contact = operation.contact;
      const missing = (
        [
          ['first name', contact.firstName],
          ['last name', contact.lastName],
          ['company', contact.company],
          ['country or region', contact.countryRegion],
        ] as const
      ).filter(([, value]) => (value ?? '').trim() === '');
      if (missing.length > 0) {
        return failed(
          'ACTIVATION_CONTACT_INCOMPLETE',
          `automatic activation needs a first name, last name, company and country or region; missing: ${missing.map(([name]) => name).join(', ')}`,
        );
      }
      return change((copy) => {
        copy.activation = { status: 'activated', contactComplete: true };
      }, 'activated the licence server (automatic)');
    }
    case 'setDiscoveryScope': {
      const before = server.discovery.scope;
      if (before === operation.scope) return noop(`discovery scope already ${before}`);
      return change((copy) => (copy.discovery.scope = operation.scope), `set discovery scope to ${operation.scope} (was ${before})`);
    }
    case 'setPublishedInAD': {
      if (server.discovery.publishedInAD === operation.published) {
        return noop(operation.published ? 'already published in Active Directory' : 'already not published in Active Directory');
      }
      return change(
        (copy) => (copy.discovery.publishedInAD = operation.published),
        operation.published ? 'published the licence server in Active Directory' : 'removed the licence server from Active Directory',
      );
    }
  }
}

/** The group's state as Windows shows it, derived from its rules. */
function ruleGroupState(server: LiveLicenseServer, isEnabled: (rule: LiveFirewallRule) => boolean): LiveLicenseServer['firewall']['ruleGroup'] {
  const rules = server.firewall.rules.filter((rule) => rule.name.startsWith(FIREWALL_RULE_PREFIX));
  if (rules.length === 0) return 'missing';
  const enabled = rules.filter(isEnabled).length;
  if (enabled === rules.length) return 'enabled';
  return enabled === 0 ? 'disabled' : 'partial';
}
