/**
 * RDSL-FIREWALL-POLICY-BLOCKS: the RD Licensing rules are not in effect on a licence server
 * because Group Policy holds them: a GPO deploys its own (disabled) copy of a rule, or turns
 * local rule merging off in the profile in use. Enabling the local rules changes nothing, so
 * the fix is in the GPO (docs/windows.md, "Firewall policy stores").
 */
import { licenseServerPartAddress } from '../../model/address.js';
import { describeFirewallPolicyHold, effectiveRuleGroup, firewallPolicyStores } from '../../model/firewall-policy.js';
import { canonicalHostName } from '../../model/host-name.js';
import type { LiveHost } from '../../model/live-state.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import { findingKey, type Evidence, type Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { buildBlockFinding } from './build-block-finding.js';
import { groupBlocks } from './group-blocks.js';

const ID = 'RDSL-FIREWALL-POLICY-BLOCKS';

export const checkFirewallPolicy: DoctorRule = (context) => {
  const groups = groupBlocks(context, ID);
  const reported = new Set(groups.map((group) => group.key));
  const findings: Finding[] = groups.map((group) => {
    const server = context.view.licenseServers.find((candidate) => canonicalHostName(candidate.host) === canonicalHostName(group.server));
    return buildBlockFinding(group, {
      title: `Group Policy keeps the RD Licensing firewall rules on ${group.server} from taking effect`,
      cause: `${group.detail}.`,
      fix: policyFix(context, group.server, server),
      address: licenseServerPartAddress(group.server, 'firewall'),
      ...(server ? { evidence: policyEvidence(server) } : {}),
    });
  });
  for (const server of context.view.licenseServers) {
    const firewall = server.licenseServer!.firewall;
    if (effectiveRuleGroup(firewall) === 'enabled' || describeFirewallPolicyHold(firewall, true).length === 0) continue;
    if (reported.has(findingKey(ID, canonicalHostName(server.host)))) continue;
    if (context.view.desiredLicenseServer(server.host)?.firewall?.ruleGroup === 'disabled') continue;
    findings.push(serverOnlyFinding(context, server));
  }
  return findings;
};

function serverOnlyFinding(context: DoctorContext, server: LiveHost): Finding {
  const firewall = server.licenseServer!.firewall;
  return buildFinding({
    id: ID,
    subject: canonicalHostName(server.host),
    severity: 'warning',
    title: `Group Policy keeps the RD Licensing firewall rules on ${server.host} from taking effect`,
    hosts: [server.host],
    evidence: policyEvidence(server),
    cause: `The rule group is ${firewall.ruleGroup} locally but ${effectiveRuleGroup(firewall)} in effect: ${describeFirewallPolicyHold(firewall, true).join('; ')}. No session host read in this run uses the server, so nothing is blocked yet.`,
    fix: policyFix(context, server.host, server),
    address: licenseServerPartAddress(server.host, 'firewall'),
  });
}

function policyEvidence(server: LiveHost): Evidence[] {
  const firewall = server.licenseServer!.firewall;
  const evidence: Evidence[] = [
    { host: server.host, item: 'RD Licensing rule group, local store', value: firewall.ruleGroup, source: 'wmi' },
    { host: server.host, item: 'RD Licensing rule group in effect (ActiveStore)', value: effectiveRuleGroup(firewall), source: 'policy' },
  ];
  for (const rule of firewall.rules.filter((candidate) => candidate.owner === 'groupPolicy')) {
    evidence.push({ host: server.host, item: `firewall rule ${rule.name}`, value: `${(rule.effectiveEnabled ?? rule.enabled) ? 'enabled' : 'disabled'} by the policy store ${rule.policyStore ?? '(unnamed)'}`, source: 'policy' });
  }
  if (firewall.localRulesIgnoredIn?.length) {
    evidence.push({ host: server.host, item: 'local firewall rules (AllowLocalFirewallRules)', value: `not applied in the ${firewall.localRulesIgnoredIn.join(', ')} profile`, source: 'policy' });
  }
  return evidence;
}

function policyFix(context: DoctorContext, serverName: string, server: LiveHost | undefined) {
  const firewall = server?.licenseServer?.firewall;
  const stores = firewall ? firewallPolicyStores(firewall) : [];
  const mergeOff = (firewall?.localRulesIgnoredIn?.length ?? 0) > 0;
  const where = stores.length > 0 ? `the GPO behind ${stores.join(', ')}` : 'the GPO that sets the firewall profile';
  return resolveFix(context, {
    manualOnly: true,
    manual: `enable the RD Licensing rules (TermServLicensing-*) in ${where}${mergeOff ? ', or set "Apply local firewall rules" to Yes in its firewall profile settings' : ''}, then run gpupdate /force on ${serverName}`,
    steps: [
      'Group Policy Management > the GPO > Computer Configuration > Policies > Windows Settings > Security Settings > Windows Defender Firewall with Advanced Security.',
      'rdsctl does not change firewall rules in a GPO: enabling the local rules would change nothing while the GPO holds them.',
    ],
  });
}
