import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { licenseServersGroupSteps } from '../../model/directory-manual-steps.js';
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
    expect(finding?.fix).toEqual({
      kind: 'manual',
      summary: `add ${LIC01}'s computer account to the Terminal Server License Servers group of its domain (resolve the group by SID S-1-5-32-561, not by its localised name)`,
      steps: [...licenseServersGroupSteps(LIC01), 'On a domain controller, add the NETWORK SERVICE account as well.'],
    });
    expect(licenseServersGroupSteps(LIC01)[0]).toBe(
      `as a member of Domain Admins of ${LIC01}'s domain (or an account allowed to change the group's members), on a machine with the ActiveDirectory module: Add-ADGroupMember -Identity S-1-5-32-561 -Members (Get-ADComputer LIC01) (the group's name is localised; its SID is not)`,
    );
  });

  it('says nothing when membership is unknown', () => {
    const unknown = licenseServer(LIC01, (server) => delete server.discovery.inLicenseServersGroup);
    expect(runRule(checkLicenseServersGroup, doctorInput(readAsLab([unknown])))).toEqual([]);
  });
});
