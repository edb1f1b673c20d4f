import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInput, doctorInputWithSpec, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkFirewallRuleGroup } from './firewall-disabled.js';

const closed = () => licenseServer(LIC01, (server) => (server.firewall = { ruleGroup: 'disabled', rules: [{ name: 'TermServLicensing-RPCSS-In-TCP', enabled: false }] }));

describe('RDSL-FIREWALL-DISABLED', () => {
  it('reports the disabled rule group as the reason hosts get no answer, and apply enables it', () => {
    const live = readAsLab([closed(), sessionHost('rdsh01.corp.contoso.com')]);
    const [finding, ...rest] = runRule(checkFirewallRuleGroup, doctorInputWithSpec(live, basicSpec()));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ key: `RDSL-FIREWALL-DISABLED:${LIC01}`, severity: 'error', specPath: ['licenseServers', 0, 'firewall'] });
    expect(finding?.cause).toBe(
      `the Remote Desktop Licensing Server firewall rule group on ${LIC01} is disabled, so session hosts get no answer on TCP 135. 1 session host tries it; it has no working licence server.`,
    );
    expect(finding?.fix).toEqual({
      kind: 'apply',
      summary: `rdsctl apply converges it: licenseServer[${LIC01}].firewall (ruleGroup disabled → enabled)`,
      addresses: [`licenseServer[${LIC01}].firewall`],
    });
  });

  it('without hosts using the server, warns and gives the PowerShell to enable the group by rule name', () => {
    const [finding] = runRule(checkFirewallRuleGroup, doctorInput(readAsLab([closed()])));
    expect(finding).toMatchObject({ severity: 'warning', title: `the RD Licensing firewall rule group on ${LIC01} is disabled` });
    expect(finding?.fix.summary).toBe(`enable the "Remote Desktop Licensing Server" rule group on ${LIC01}: Enable-NetFirewallRule -Name 'TermServLicensing-*'`);
  });
});
