import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInput, doctorInputWithSpec, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkCalTypes } from './cal-type-mismatch.js';

const deviceOnly = () => licenseServer(LIC01, (server) => (server.keyPacks = server.keyPacks.filter((pack) => pack.type !== 'perUser')));

describe('RDSL-CAL-TYPE-MISMATCH', () => {
  it('reports per-user hosts using a server that holds only per-device CALs, once per server and mode', () => {
    const live = readAsLab([deviceOnly(), sessionHost('rdsh01.corp.contoso.com'), sessionHost('rdsh02.corp.contoso.com')]);
    const [finding, ...rest] = runRule(checkCalTypes, doctorInput(live));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      key: `RDSL-CAL-TYPE-MISMATCH:${LIC01}|perUser`,
      severity: 'error',
      title: `2 per-user-mode session host(s) use ${LIC01}, which has no per-user CALs`,
      hosts: [LIC01, 'rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com'],
    });
    expect(finding?.cause).toMatch(/^lic01\.corp\.contoso\.com has no per-user CALs \(only per-device\); a host in per-user mode needs per-user CALs\. /);
  });

  it('with a spec that wants per-device mode, says apply sets the mode', () => {
    const live = readAsLab([deviceOnly(), sessionHost('rdsh01.corp.contoso.com')]);
    const [finding] = runRule(checkCalTypes, doctorInputWithSpec(live, basicSpec({ mode: 'perDevice' })));
    expect(finding?.fix).toEqual({
      kind: 'apply',
      summary: 'rdsctl apply converges it: sessionHost[rdsh01.corp.contoso.com] (licensingMode perUser → perDevice)',
      addresses: ['sessionHost[rdsh01.corp.contoso.com]'],
    });
  });

  it('groups under the policy override when Group Policy forced the mode over a local value that works', () => {
    const live = readAsLab([deviceOnly(), sessionHost('rdsh01.corp.contoso.com', { mode: 'perDevice', policyMode: 'perUser' })]);
    const [finding] = runRule(checkCalTypes, doctorInput(live));
    expect(finding?.rootCause).toBe('RDSL-POLICY-OVERRIDES-LOCAL:licensingMode|perUser|perDevice');
  });

  it('says nothing when the server holds CALs of the mode', () => {
    expect(runRule(checkCalTypes, doctorInput(readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com')])))).toEqual([]);
  });
});
