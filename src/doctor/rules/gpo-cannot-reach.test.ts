import { describe, expect, it } from 'vitest';
import type { LiveGpo } from '../../model/live-state.js';
import { doctorInput, doctorInputWithSpec, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkGpoReach } from './gpo-cannot-reach.js';

const OU = 'OU=Desktops,OU=RDS,DC=corp,DC=contoso,DC=com';
const GPO = 'RDS Licensing - Desktops';

function gpo(fields: Partial<LiveGpo> = {}): LiveGpo {
  return { name: GPO, domain: 'corp.contoso.com', exists: true, links: [OU], licensingMode: 'perUser', licenseServers: [LIC01], ...fields };
}

/** Hosts that show no policy values: the GPO has not reached them. */
const unconfigured = () => [licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com'), sessionHost('rdsh02.corp.contoso.com')];

const gpoSpec = `apiVersion: rdsctl/v1
deployment: test
connection: { provider: lab, estate: ./estate.yaml }
licenseServers:
  - host: ${LIC01}
gpos:
  - name: ${GPO}
    domain: corp.contoso.com
    links: ["${OU}"]
    licensingMode: perUser
    licenseServers: [${LIC01}]
sessionHostPools:
  - name: desktops
    hosts: ["rdsh[01:02].corp.contoso.com"]
    os: windowsServer2022
    configuredBy: { gpo: ${GPO} }
`;

describe('RDSL-GPO-CANNOT-REACH', () => {
  it('reports a GPO whose computer settings are disabled and whose Apply is granted to users only, with the hosts it leaves unconfigured', () => {
    const live = readAsLab(unconfigured(), { gpos: [gpo({ status: 'computerSettingsDisabled', applyTrustees: [{ name: 'rds-admin', sid: 'S-1-5-21-1-2-3-1105', type: 'user' }] })] });
    const [finding, ...rest] = runRule(checkGpoReach, doctorInputWithSpec(live, gpoSpec));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      key: `RDSL-GPO-CANNOT-REACH:${GPO.toLowerCase()}`,
      severity: 'error',
      title: `GPO "${GPO}" cannot reach its hosts`,
      hosts: ['rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com'],
      specPath: ['gpos', 0],
    });
    expect(finding?.cause).toBe(
      'The GPO cannot reach its hosts because its computer settings are disabled (GpoStatus ComputerSettingsDisabled); its security filtering grants Apply to users only (rds-admin), and computer settings apply to computers. 2 session hosts rely on it; 2 of them show none of its values.',
    );
    expect(finding?.evidence).toEqual([
      { host: `${GPO}@corp.contoso.com`, item: 'GpoStatus', value: 'computerSettingsDisabled', source: 'policy' },
      { host: `${GPO}@corp.contoso.com`, item: 'Apply Group Policy granted to', value: 'rds-admin', source: 'policy' },
    ]);
    expect(finding?.fix).toEqual({
      kind: 'manual',
      summary:
        'in Group Policy Management: enable its computer settings (GPO Status: Enabled, or User configuration settings disabled); grant Apply Group Policy to the hosts, or to a group holding them such as Domain Computers or Authenticated Users (Delegation tab); then run gpupdate /force on the hosts',
    });
  });

  it('names the higher-precedence GPO that sets the same value, finding the hosts by OU without a spec', () => {
    const live = readAsLab(unconfigured(), { gpos: [gpo({ overriddenBy: [{ gpo: 'Baseline', ou: OU, settings: ['licenseServers'], enforced: true }] })] });
    const [finding] = runRule(checkGpoReach, doctorInput(live));
    expect(finding?.hosts).toEqual(['rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com']);
    expect(finding?.cause).toBe(`The GPO cannot reach its hosts because GPO "Baseline", enforced, has a higher precedence at ${OU} and sets licenseServers too. 2 session hosts rely on it; 2 of them show none of its values.`);
  });

  it('suspects a WMI filter only when the hosts show none of the GPO values', () => {
    const filtered = gpo({ wmiFilter: 'Windows Server 2016 only' });
    const [suspect] = runRule(checkGpoReach, doctorInput(readAsLab(unconfigured(), { gpos: [filtered] })));
    expect(suspect).toMatchObject({ severity: 'warning' });
    expect(suspect?.cause).toBe(
      'The GPO cannot reach its hosts because perhaps its WMI filter "Windows Server 2016 only" decides which computers apply it, and rdsctl does not run the query. 2 session hosts rely on it; 2 of them show none of its values.',
    );
    const reached = [licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com', { policyMode: 'perUser', policyServers: [LIC01] })];
    expect(runRule(checkGpoReach, doctorInput(readAsLab(reached, { gpos: [filtered] })))).toEqual([]);
  });

  it('says nothing of a GPO with the defaults a new GPO has', () => {
    const fresh = gpo({ status: 'allSettingsEnabled', applyTrustees: [{ name: 'Authenticated Users', sid: 'S-1-5-11', type: 'group' }] });
    expect(runRule(checkGpoReach, doctorInput(readAsLab(unconfigured(), { gpos: [fresh] })))).toEqual([]);
  });
});
