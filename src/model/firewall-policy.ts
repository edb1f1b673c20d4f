/**
 * Group Policy's hold on the RD Licensing firewall rules: what is in effect, and why a local
 * change (the only kind rdsctl makes) cannot bring the wanted state. Mirrors
 * `Get-RdsFirewallPolicyHold` in providers/windows/firewall.ps1, so plan refuses what apply would.
 */
import type { FirewallRuleGroupState, LiveLicenseServer } from './live-state.js';

type LiveFirewall = LiveLicenseServer['firewall'];

/** The group as it is in effect; without a policy-store read, the local store is what is in effect. */
export function effectiveRuleGroup(firewall: LiveFirewall): FirewallRuleGroupState {
  return firewall.effectiveRuleGroup ?? firewall.ruleGroup;
}

/** One sentence per reason Group Policy keeps the rules from being `enabled` (or disabled) locally; empty when nothing does. */
export function describeFirewallPolicyHold(firewall: LiveFirewall, enabled: boolean): string[] {
  const reasons = firewall.rules
    .filter((rule) => rule.owner === 'groupPolicy' && (rule.effectiveEnabled ?? rule.enabled) !== enabled)
    .map((rule) => `Group Policy deploys ${rule.name} from the policy store ${rule.policyStore ?? '(unnamed)'}`);
  const ignored = firewall.localRulesIgnoredIn ?? [];
  if (enabled && ignored.length > 0) reasons.push(`Group Policy turns local firewall rules off in the ${ignored.join(', ')} profile`);
  return reasons;
}

/** The GPO policy stores that deploy any of the rules, for the fix to name. */
export function firewallPolicyStores(firewall: LiveFirewall): string[] {
  return [...new Set(firewall.rules.flatMap((rule) => (rule.owner === 'groupPolicy' && rule.policyStore ? [rule.policyStore] : [])))];
}
