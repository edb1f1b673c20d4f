import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInput, doctorInputWithSpec, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkLicenseServerActivation } from './ls-not-activated.js';

const notActivated = () => licenseServer(LIC01, (server) => (server.activation = { status: 'notActivated', contactComplete: false }));

describe('RDSL-LS-NOT-ACTIVATED', () => {
  it('reports an unactivated licence server with the hosts it leaves without a licence server', () => {
    const live = readAsLab([notActivated(), sessionHost('rdsh01.corp.contoso.com'), sessionHost('rdsh02.corp.contoso.com', { grace: 50 })]);
    const [finding, ...rest] = runRule(checkLicenseServerActivation, doctorInput(live));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      key: `RDSL-LS-NOT-ACTIVATED:${LIC01}`,
      severity: 'error',
      title: `${LIC01} is not activated`,
      hosts: [LIC01, 'rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com'],
      rootCause: `RDSL-LS-NOT-ACTIVATED:${LIC01}`,
      address: `licenseServer[${LIC01}].activation`,
    });
    expect(finding?.cause).toBe(
      'An unactivated licence server issues only temporary per-device licences, however many CALs it holds; per-user hosts get nothing from it. 2 session hosts try it; all of them have no working licence server.',
    );
    expect(finding?.evidence).toEqual([
      { host: LIC01, item: 'GetActivationStatus', value: 'not activated (1)', source: 'wmi' },
      { host: LIC01, item: 'activation contact complete', value: false, source: 'wmi' },
    ]);
  });

  it('without a spec, says how to activate by hand, including the manual web and telephone methods', () => {
    const [finding] = runRule(checkLicenseServerActivation, doctorInput(readAsLab([notActivated()])));
    expect(finding?.fix.kind).toBe('manual');
    expect(finding?.fix.summary).toBe(`activate ${LIC01} in RD Licensing Manager (licmgr.exe): right-click the server, Activate Server`);
    expect(finding?.fix.steps?.[1]).toMatch(/^Without Internet access, use the Web Browser method .* or activate by telephone/);
  });

  it('with a spec that declares activation, says apply converges it and points at the declaration', () => {
    const live = readAsLab([notActivated(), sessionHost('rdsh01.corp.contoso.com')]);
    const [finding] = runRule(checkLicenseServerActivation, doctorInputWithSpec(live, basicSpec()));
    expect(finding?.fix).toEqual({
      kind: 'apply',
      summary: `rdsctl apply converges it: licenseServer[${LIC01}].activation (status notActivated → activated)`,
      addresses: [`licenseServer[${LIC01}].activation`],
    });
    expect(finding?.specPath).toEqual(['licenseServers', 0, 'activation']);
  });

  it('says nothing about activated servers', () => {
    expect(runRule(checkLicenseServerActivation, doctorInput(readAsLab([licenseServer(LIC01)])))).toEqual([]);
  });
});
