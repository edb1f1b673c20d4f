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
});
