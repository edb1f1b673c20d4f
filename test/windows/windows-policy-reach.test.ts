/**
 * Group Policy the local settings cannot see: firewall rules a GPO deploys or whose local copies
 * it turns off (policy stores), and GPOs that cannot reach their hosts (status, security
 * filtering, WMI filter, a higher-precedence GPO). The double serves them as Windows does.
 */
import { beforeAll, expect, it } from 'vitest';
import type { LiveState } from '../../src/model/live-state.js';
import type { Provider } from '../../src/providers/provider.js';
import { createLocalProvider } from './local-provider.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, LICENSING_RULES, licenseServerState, managementHostState, type DoubleDirectory } from './windows-double-fixtures.js';

const GPO_STORE = 'corp.contoso.com\\RDS Firewall';
const DOMAIN = 'corp.contoso.com';
const FINANCE_OU = 'OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com';
const KIOSK_OU = 'OU=Kiosks,OU=RDS,DC=corp,DC=contoso,DC=com';
const DOMAIN_DN = 'DC=corp,DC=contoso,DC=com';
const RDS_ADMINS = 'S-1-5-21-1004336348-1177238915-682003330-1105';
const ALL_ENABLED = LICENSING_RULES.map((rule) => ({ ...rule, Enabled: 'True' }));
const ALL_DISABLED = LICENSING_RULES.map((rule) => ({ ...rule, Enabled: 'False' }));
const gpoRules = (enabled: string, names: string[] = LICENSING_RULES.map((rule) => rule.Name)) =>
  names.map((name) => ({ Name: name, Enabled: enabled, PolicyStoreSource: GPO_STORE }));

describeWindows('windows-policy-reach', ({ pwsh }) => {
  let double: DoubleDirectory;
  let provider: Provider;
  let state: LiveState;
  const enableFirewall = (host: string) => provider.apply({ target: { kind: 'host', host }, operations: [{ kind: 'setFirewallRuleGroup', enabled: true }], resolveSecret: async () => '' });
  const firewallOf = (host: string) => state.hosts.find((candidate) => candidate.host === host)?.licenseServer?.firewall;

  beforeAll(async () => {
    double = await createDoubleDirectory({
      // A GPO deploys the three rules, enabled: the local copies, disabled, decide nothing.
      'lic-gpo-open.corp.contoso.com': licenseServerState({ firewallRules: ALL_DISABLED, extra: { gpoFirewallRules: gpoRules('True') } }),
      // A GPO deploys the endpoint-mapper rule disabled: enabled locally, blocked in effect.
      'lic-gpo-block.corp.contoso.com': licenseServerState({ firewallRules: ALL_ENABLED, extra: { gpoFirewallRules: gpoRules('False', ['TermServLicensing-RPCSS-In-TCP']) } }),
      // Group Policy turns local rules off in the domain profile, the one in use.
      'lic-nomerge.corp.contoso.com': licenseServerState({ firewallRules: ALL_DISABLED, extra: { firewallProfiles: { Domain: { AllowLocalFirewallRules: 'False' } } } }),
      // A hardening baseline turns local rules off in the public profile only: not in use here.
      'lic-public-off.corp.contoso.com': licenseServerState({ firewallRules: ALL_ENABLED, extra: { firewallProfiles: { Public: { AllowLocalFirewallRules: 'False' } } } }),
      'dc01.corp.contoso.com': managementHostState([
        // Computer settings off, Apply granted to a user only, a WMI filter, and an enforced
        // domain-wide baseline that sets the server list too: it cannot reach its hosts.
        {
          Name: 'RDS Licensing - Finance', Domain: DOMAIN, Values: { LicensingMode: 4, LicenseServers: 'lic01.corp.contoso.com' }, Links: [FINANCE_OU],
          Status: 'ComputerSettingsDisabled', WmiFilter: 'Windows Server 2016 only',
          Permissions: [
            { Trustee: 'rds-admin', Sid: RDS_ADMINS, SidType: 'User', Permission: 'GpoApply' },
            { Trustee: 'Authenticated Users', Sid: 'S-1-5-11', SidType: 'WellKnownGroup', Permission: 'GpoRead' },
          ],
        },
        { Name: 'Baseline - Terminal Services', Domain: DOMAIN, Values: { LicenseServers: 'old.corp.contoso.com' }, Links: [DOMAIN_DN], EnforcedLinks: [DOMAIN_DN] },
        // Defaults, as a new GPO has them; a higher-precedence GPO at its OU sets other values only.
        { Name: 'RDS Licensing - Kiosks', Domain: DOMAIN, Values: { LicensingMode: 2 }, Links: [KIOSK_OU], LinkOrder: { [KIOSK_OU]: 2 } },
        { Name: 'Kiosk lockdown', Domain: DOMAIN, Values: {}, Links: [KIOSK_OU], LinkOrder: { [KIOSK_OU]: 1 } },
      ]),
    });
    provider = createLocalProvider(double, pwsh);
    state = await provider.read({
      hosts: ['lic-gpo-open.corp.contoso.com', 'lic-gpo-block.corp.contoso.com', 'lic-nomerge.corp.contoso.com', 'lic-public-off.corp.contoso.com'],
      gpos: [{ name: 'RDS Licensing - Finance', domain: DOMAIN }, { name: 'RDS Licensing - Kiosks', domain: DOMAIN }],
      parallelism: 4,
    });
  }, 240_000);

  it('reads a rule a GPO deploys as owned by Group Policy, with its store, and its copy as what is in effect', () => {
    expect(firewallOf('lic-gpo-open.corp.contoso.com')).toEqual({
      ruleGroup: 'disabled',
      rules: LICENSING_RULES.map((rule) => ({ name: rule.Name, enabled: false, effectiveEnabled: true, owner: 'groupPolicy', policyStore: GPO_STORE })).sort((a, b) => a.name.localeCompare(b.name)),
      effectiveRuleGroup: 'enabled',
      activeProfiles: ['domain'],
    });
    expect(firewallOf('lic-gpo-block.corp.contoso.com')).toMatchObject({ ruleGroup: 'enabled', effectiveRuleGroup: 'partial' });
    expect(firewallOf('lic-gpo-block.corp.contoso.com')?.rules.find((rule) => rule.name === 'TermServLicensing-RPCSS-In-TCP')).toEqual({
      name: 'TermServLicensing-RPCSS-In-TCP', enabled: true, effectiveEnabled: false, owner: 'groupPolicy', policyStore: GPO_STORE,
    });
  });

  it('reads local rules as not in effect where Group Policy turns local rule merging off, and only in the profile in use', () => {
    expect(firewallOf('lic-nomerge.corp.contoso.com')).toMatchObject({ ruleGroup: 'disabled', effectiveRuleGroup: 'disabled', activeProfiles: ['domain'], localRulesIgnoredIn: ['domain'] });
    const baseline = firewallOf('lic-public-off.corp.contoso.com');
    expect(baseline).toMatchObject({ ruleGroup: 'enabled', effectiveRuleGroup: 'enabled', activeProfiles: ['domain'] });
    expect(baseline).not.toHaveProperty('localRulesIgnoredIn');
  });

  it('refuses to enable rules locally that Group Policy blocks, and changes nothing', async () => {
    const message = `the RD Licensing rules cannot be enabled locally: Group Policy deploys TermServLicensing-RPCSS-In-TCP from the policy store ${GPO_STORE}; change them in that GPO`;
    expect(await enableFirewall('lic-gpo-block.corp.contoso.com')).toEqual({
      ok: false,
      results: [{ kind: 'setFirewallRuleGroup', status: 'failed', detail: message }],
      error: { code: 'POLICY_CONTROLLED', step: 'set-firewall', message },
    });
    const ignored = await enableFirewall('lic-nomerge.corp.contoso.com');
    expect(ignored.error).toEqual({ code: 'POLICY_CONTROLLED', step: 'set-firewall', message: 'the RD Licensing rules cannot be enabled locally: Group Policy turns local firewall rules off in the domain profile; change them in that GPO' });
    expect(await double.journal('lic-gpo-block.corp.contoso.com')).toEqual([]);
    expect(await double.journal('lic-nomerge.corp.contoso.com')).toEqual([]);
  }, 120_000);

  it('leaves rules a GPO already enables alone rather than enabling their local copies', async () => {
    expect(await enableFirewall('lic-gpo-open.corp.contoso.com')).toEqual({
      ok: true,
      results: [{ kind: 'setFirewallRuleGroup', status: 'noop', detail: 'all 3 RD Licensing rules are already enabled in effect' }],
    });
    expect(await double.journal('lic-gpo-open.corp.contoso.com')).toEqual([]);
  }, 120_000);

  it('reads what keeps a GPO from its hosts: status, security filtering, WMI filter and a higher-precedence GPO', () => {
    expect(state.gpos.find((gpo) => gpo.name === 'RDS Licensing - Finance')).toEqual({
      name: 'RDS Licensing - Finance',
      domain: DOMAIN,
      exists: true,
      links: [FINANCE_OU],
      licensingMode: 'perUser',
      licenseServers: ['lic01.corp.contoso.com'],
      status: 'computerSettingsDisabled',
      // Read is not Apply: only the user is in the security filtering.
      applyTrustees: [{ name: 'rds-admin', sid: RDS_ADMINS, type: 'user' }],
      wmiFilter: 'Windows Server 2016 only',
      overriddenBy: [{ gpo: 'Baseline - Terminal Services', ou: FINANCE_OU, settings: ['licenseServers'], enforced: true }],
    });
  });

  it('reads a GPO with the defaults a new GPO has as reaching its hosts, whatever other GPOs at its OU leave unset', () => {
    expect(state.gpos.find((gpo) => gpo.name === 'RDS Licensing - Kiosks')).toEqual({
      name: 'RDS Licensing - Kiosks',
      domain: DOMAIN,
      exists: true,
      links: [KIOSK_OU],
      licensingMode: 'perDevice',
      licenseServers: null,
      status: 'allSettingsEnabled',
      applyTrustees: [{ name: 'Authenticated Users', sid: 'S-1-5-11', type: 'group' }],
    });
  });
});
