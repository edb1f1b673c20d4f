/**
 * RDSL-FIREWALL-DISABLED: the "Remote Desktop Licensing Server" firewall rule group on a licence
 * server is not enabled, so session hosts cannot reach it over RPC (windows-reference.md §3.2;
 * the seed's netsh group name "Remote Desktop Licensing" is not the documented one).
 */
import { licenseServerPartAddress } from '../../model/address.js';
import { canonicalHostName } from '../../model/host-name.js';
import type { LiveHost } from '../../model/live-state.js';
import { describeFirewallPolicyHold, effectiveRuleGroup } from '../../model/firewall-policy.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import { findingKey, type Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { buildBlockFinding } from './build-block-finding.js';
import { groupBlocks } from './group-blocks.js';

export const checkFirewallRuleGroup: DoctorRule = (context) => {
  const groups = groupBlocks(context, 'RDSL-FIREWALL-DISABLED');
  const reported = new Set(groups.map((group) => group.key));
  const findings: Finding[] = groups.map((group) =>
    buildBlockFinding(group, {
      title: `the RD Licensing firewall rule group on ${group.server} is not enabled`,
      cause: `${group.detail}.`,
      fix: firewallFix(context, group.server),
      address: licenseServerPartAddress(group.server, 'firewall'),
      ...specPathOf(context, group.server),
    }),
  );
  for (const server of context.view.licenseServers) {
    const firewall = server.licenseServer!.firewall;
    if (effectiveRuleGroup(firewall) === 'enabled' || reported.has(findingKey('RDSL-FIREWALL-DISABLED', canonicalHostName(server.host)))) continue;
    // Rules Group Policy holds are RDSL-FIREWALL-POLICY-BLOCKS: enabling them locally would do nothing.
    if (describeFirewallPolicyHold(firewall, true).length > 0) continue;
    if (context.view.desiredLicenseServer(server.host)?.firewall?.ruleGroup === 'disabled') continue;
    findings.push(serverOnlyFinding(context, server, firewall.ruleGroup));
  }
  return findings;
};

function serverOnlyFinding(context: DoctorContext, server: LiveHost, state: string): Finding {
  return buildFinding({
    id: 'RDSL-FIREWALL-DISABLED',
    subject: canonicalHostName(server.host),
    severity: 'warning',
    title: `the RD Licensing firewall rule group on ${server.host} is ${state}`,
    hosts: [server.host],
    evidence: [
      { host: server.host, item: 'Remote Desktop Licensing Server firewall rule group', value: state, source: 'wmi' },
      ...server.licenseServer!.firewall.rules.map((rule) => ({ host: server.host, item: `firewall rule ${rule.name}`, value: rule.enabled ? 'enabled' : 'disabled', source: 'wmi' as const })),
    ],
    cause: 'Session hosts reach a licence server over RPC through this rule group; no session host read in this run uses the server, so nothing is blocked yet.',
    fix: firewallFix(context, server.host),
    address: licenseServerPartAddress(server.host, 'firewall'),
    ...specPathOf(context, server.host),
  });
}

function firewallFix(context: DoctorContext, server: string) {
  return resolveFix(context, {
    addresses: [licenseServerPartAddress(server, 'firewall')],
    specChange: `declare firewall: { ruleGroup: enabled } on licence server ${server}`,
    manual: `enable the "Remote Desktop Licensing Server" rule group on ${server}: Enable-NetFirewallRule -Name 'TermServLicensing-*'`,
    steps: ['Match the rules by name (TermServLicensing-*), not by display group: display names are localised.'],
  });
}

function specPathOf(context: DoctorContext, server: string) {
  const path = context.view.licenseServerSpecPath(server);
  return path ? { specPath: [...path, 'firewall'] } : {};
}
