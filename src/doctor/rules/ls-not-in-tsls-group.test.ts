import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkLicenseServersGroup } from './ls-not-in-tsls-group.js';

describe('RDSL-LS-NOT-IN-TSLS-GROUP', () => {
  it('warns that per-user issuance cannot be recorded in AD (event 4105), naming the group by its SID', () => {
    const outside = licenseServer(LIC01, (server) => (server.discovery = { ...server.discovery, inLicenseServersGroup: false }));
    const live = readAsLab([outside, sessionHost('rdsh01.corp.contoso.com'), sessionHost('kiosk01.corp.contoso.com', { mode: 'perDevice' })]);
    const [finding, ...rest] = runRule(checkLicenseServersGroup, doctorInput(live));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      key: `RDSL-LS-NOT-IN-TSLS-GROUP:${LIC01}`,
      severity: 'warning',
      title: `${LIC01} is not in the Terminal Server License Servers group (S-1-5-32-561)`,
      hosts: [LIC01, 'rdsh01.corp.contoso.com'],
    });
    expect(finding?.cause).toContain('(event 4105)');
    expect(finding?.fix.kind).toBe('manual');
  });

  it('says nothing when membership is unknown', () => {
    const unknown = licenseServer(LIC01, (server) => delete server.discovery.inLicenseServersGroup);
    expect(runRule(checkLicenseServersGroup, doctorInput(readAsLab([unknown])))).toEqual([]);
  });
});
