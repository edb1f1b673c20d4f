import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkLicenseServerReachable } from './ls-unreachable.js';

describe('RDSL-LS-UNREACHABLE', () => {
  it('reports a licence server that answers neither the hosts nor rdsctl: a finding, not a failed run', () => {
    const down = licenseServer(LIC01, (_server, host) => (host.lab = { reachable: false }));
    const [finding, ...rest] = runRule(checkLicenseServerReachable, doctorInput(readAsLab([down, sessionHost('rdsh01.corp.contoso.com')])));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ key: `RDSL-LS-UNREACHABLE:${LIC01}`, severity: 'error', title: `session hosts cannot reach licence server ${LIC01}` });
    expect(finding?.cause).toBe(`${LIC01} answers neither rdsh01.corp.contoso.com (TCP 135) nor rdsctl: it is down or off the network. 1 session host tries it; it has no working licence server.`);
    expect(finding?.fix.steps).toContain(`rdsctl could not read it either: ${LIC01}: host did not answer (simulated)`);
  });

  it('trusts the host\'s own verdict when the probes see nothing wrong', () => {
    const host = sessionHost('rdsh01.corp.contoso.com', { edit: (sh) => (sh.connectivity = { [LIC01]: { code: 6, status: 'LS_NOT_CONNECTABLE', healthy: false } }) });
    const [finding] = runRule(checkLicenseServerReachable, doctorInput(readAsLab([licenseServer(LIC01), host])));
    expect(finding?.cause).toMatch(/^rdsh01\.corp\.contoso\.com cannot connect to lic01\.corp\.contoso\.com \(LS_NOT_CONNECTABLE\)\./);
  });

  it('trusts a healthy verdict over a failing probe', () => {
    const host = sessionHost('rdsh01.corp.contoso.com', {
      edit: (sh) => {
        sh.connectivity = { [LIC01]: { code: 11, status: 'LS_CONNECTABLE_VALID_LS', healthy: true } };
        sh.probes = { [LIC01]: { resolves: true, rpcPort135: false } };
      },
    });
    const filtered = licenseServer(LIC01, (_server, whole) => (whole.lab = { rpcOpen: false }));
    expect(runRule(checkLicenseServerReachable, doctorInput(readAsLab([filtered, host])))).toEqual([]);
  });

  it('reads a check that failed or ran out of its budget as no verdict: the probes stand in for it', () => {
    const failed = { status: 'CHECK_FAILED', healthy: false, error: `GetTStoLSConnectivityStatus for ${LIC01} (budget 10 s) failed: MI_RESULT_FAILED`, windowsCode: '0x80041001' };
    const clean = sessionHost('rdsh01.corp.contoso.com', { edit: (sh) => (sh.connectivity = { [LIC01]: failed }) });
    expect(runRule(checkLicenseServerReachable, doctorInput(readAsLab([licenseServer(LIC01), clean])))).toEqual([]);
    const down = licenseServer(LIC01, (_server, host) => (host.lab = { reachable: false }));
    const stuck = sessionHost('rdsh01.corp.contoso.com', { edit: (sh) => (sh.connectivity = { [LIC01]: failed }) });
    const [finding] = runRule(checkLicenseServerReachable, doctorInput(readAsLab([down, stuck])));
    expect(finding?.evidence).toContainEqual({
      host: 'rdsh01.corp.contoso.com',
      item: `GetTStoLSConnectivityStatus(${LIC01})`,
      value: `CHECK_FAILED: GetTStoLSConnectivityStatus for ${LIC01} (budget 10 s) failed: MI_RESULT_FAILED`,
      source: 'wmi',
    });
  });

  it('does not take a 2008-era licence server that the host calls valid for a usable one', () => {
    const host = sessionHost('rdsh01.corp.contoso.com', { edit: (sh) => (sh.connectivity = { [LIC01]: { code: 1, status: 'LS_CONNECTABLE_VALID_WS08R2', healthy: false } }) });
    const [finding] = runRule(checkLicenseServerReachable, doctorInput(readAsLab([licenseServer(LIC01), host])));
    expect(finding?.cause).toMatch(/^rdsh01\.corp\.contoso\.com cannot connect to lic01\.corp\.contoso\.com \(LS_CONNECTABLE_VALID_WS08R2\)\./);
  });
});
