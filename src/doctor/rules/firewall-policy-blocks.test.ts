import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInput, doctorInputWithSpec, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkFirewallRuleGroup } from './firewall-disabled.js';
import { checkFirewallPolicy } from './firewall-policy-blocks.js';

const STORE = 'corp.contoso.com\\RDS Firewall';

/** Enabled locally; a GPO deploys its own, disabled, copy of the endpoint-mapper rule. */
const gpoBlocked = () =>
  licenseServer(LIC01, (server) => {
    server.firewall = {
      ruleGroup: 'enabled',
      rules: [{ name: 'TermServLicensing-RPCSS-In-TCP', enabled: true, effectiveEnabled: false, owner: 'groupPolicy', policyStore: STORE }],
      effectiveRuleGroup: 'disabled',
      activeProfiles: ['domain'],
    };
  });

/** Enabled locally; Group Policy turns local rules off in the domain profile. */
const mergeOff = () =>
  licenseServer(LIC01, (server) => {
    server.firewall = {
      ruleGroup: 'enabled',
      rules: [{ name: 'TermServLicensing-RPCSS-In-TCP', enabled: true, effectiveEnabled: false }],
      effectiveRuleGroup: 'disabled',
      activeProfiles: ['domain'],
      localRulesIgnoredIn: ['domain'],
    };
  });

describe('RDSL-FIREWALL-POLICY-BLOCKS', () => {
  it('reports rules enabled locally that a GPO blocks as the reason hosts get no answer, with a manual fix in that GPO', () => {
    const live = readAsLab([gpoBlocked(), sessionHost('rdsh01.corp.contoso.com')]);
    const input = doctorInputWithSpec(live, basicSpec());
    const [finding, ...rest] = runRule(checkFirewallPolicy, input);
    expect(rest).toEqual([]);
    expect(runRule(checkFirewallRuleGroup, input)).toEqual([]);
    expect(finding).toMatchObject({ key: `RDSL-FIREWALL-POLICY-BLOCKS:${LIC01}`, severity: 'error', title: `Group Policy keeps the RD Licensing firewall rules on ${LIC01} from taking effect` });
    expect(finding?.cause).toBe(
      `the Remote Desktop Licensing Server firewall rule group on ${LIC01} is enabled locally but disabled in effect: Group Policy deploys TermServLicensing-RPCSS-In-TCP from the policy store ${STORE}, so session hosts get no answer on TCP 135. 1 session host tries it; it has no working licence server.`,
    );
    expect(finding?.evidence).toContainEqual({ host: LIC01, item: 'firewall rule TermServLicensing-RPCSS-In-TCP', value: `disabled by the policy store ${STORE}`, source: 'policy' });
    expect(finding?.fix).toEqual({
      kind: 'manual',
      summary: `enable the RD Licensing rules (TermServLicensing-*) in the GPO behind ${STORE}, then run gpupdate /force on ${LIC01}`,
      steps: [
        'Group Policy Management > the GPO > Computer Configuration > Policies > Windows Settings > Security Settings > Windows Defender Firewall with Advanced Security.',
        'rdsctl does not change firewall rules in a GPO: enabling the local rules would change nothing while the GPO holds them.',
      ],
    });
  });

  it('reports local rules that Group Policy does not merge, even with no host using the server yet', () => {
    const [finding, ...rest] = runRule(checkFirewallPolicy, doctorInput(readAsLab([mergeOff()])));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning' });
    expect(finding?.cause).toBe(
      'The rule group is enabled locally but disabled in effect: Group Policy turns local firewall rules off in the domain profile. No session host read in this run uses the server, so nothing is blocked yet.',
    );
    expect(finding?.fix.summary).toBe(
      `enable the RD Licensing rules (TermServLicensing-*) in the GPO that sets the firewall profile, or set "Apply local firewall rules" to Yes in its firewall profile settings, then run gpupdate /force on ${LIC01}`,
    );
  });

  it('says nothing when the rules are in effect, whoever holds them', () => {
    const open = licenseServer(LIC01, (server) => {
      server.firewall = { ruleGroup: 'disabled', rules: [{ name: 'TermServLicensing-RPCSS-In-TCP', enabled: false, effectiveEnabled: true, owner: 'groupPolicy', policyStore: STORE }], effectiveRuleGroup: 'enabled' };
    });
    const input = doctorInput(readAsLab([open, sessionHost('rdsh01.corp.contoso.com')]));
    expect(runRule(checkFirewallPolicy, input)).toEqual([]);
    expect(runRule(checkFirewallRuleGroup, input)).toEqual([]);
  });
});
