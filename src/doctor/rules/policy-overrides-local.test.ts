import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, LIC02, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkPolicyOverrides } from './policy-overrides-local.js';

const deviceOnly = () => licenseServer(LIC01, (server) => (server.keyPacks = server.keyPacks.filter((pack) => pack.type !== 'perUser')));

describe('RDSL-POLICY-OVERRIDES-LOCAL', () => {
  it('is an error when the policy value leaves the hosts unlicensed and the local value would work', () => {
    const live = readAsLab([deviceOnly(), sessionHost('rdsh01.corp.contoso.com', { mode: 'perDevice', policyMode: 'perUser' })]);
    const [finding, ...rest] = runRule(checkPolicyOverrides, doctorInput(live));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      key: 'RDSL-POLICY-OVERRIDES-LOCAL:licensingMode|perUser|perDevice',
      severity: 'error',
      title: 'Group Policy sets the licensing mode of 1 session host(s) to perUser, overriding their local perDevice',
    });
    expect(finding?.evidence).toEqual([
      { host: 'rdsh01.corp.contoso.com', item: 'licensing mode (policy)', value: 'perUser', source: 'policy' },
      { host: 'rdsh01.corp.contoso.com', item: 'licensing mode (local)', value: 'perDevice', source: 'registry' },
    ]);
  });

  it('is a warning when the override does no harm, and covers the licence-server list too', () => {
    const live = readAsLab([licenseServer(LIC01), licenseServer(LIC02), sessionHost('rdsh01.corp.contoso.com', { servers: [LIC02], policyServers: [LIC01] })]);
    expect(runRule(checkPolicyOverrides, doctorInput(live)).map((finding) => [finding.key, finding.severity])).toEqual([
      [`RDSL-POLICY-OVERRIDES-LOCAL:licenseServers|${LIC01}|${LIC02}`, 'warning'],
    ]);
    expect(runRule(checkPolicyOverrides, doctorInput(live))[0]?.fix).toEqual({
      kind: 'manual',
      summary: `nothing to fix: the licence-server list from Group Policy is in effect and works; the unused local value (${LIC02}) only misleads whoever reads the host's own settings`,
    });
  });

  it('ignores hosts whose local layer is empty (a GPO-configured pool)', () => {
    const live = readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com', { mode: 'notConfigured', policyMode: 'perUser', servers: [], policyServers: [LIC01] })]);
    expect(runRule(checkPolicyOverrides, doctorInput(live))).toEqual([]);
  });
});
