import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkGracePeriod } from './grace-period.js';

const unactivated = () => licenseServer(LIC01, (server) => (server.activation = { status: 'notActivated' }));

describe('RDSL-GRACE-EXPIRED and RDSL-GRACE-ENDING', () => {
  it('reports hosts past their grace period with no working licence server, grouped under the cause', () => {
    const hosts = ['rdsh01', 'rdsh02', 'rdsh03'].map((name) => sessionHost(`${name}.corp.contoso.com`));
    const [finding, ...rest] = runRule(checkGracePeriod, doctorInput(readAsLab([unactivated(), ...hosts])));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      key: `RDSL-GRACE-EXPIRED:RDSL-LS-NOT-ACTIVATED:${LIC01}`,
      rootCause: `RDSL-LS-NOT-ACTIVATED:${LIC01}`,
      severity: 'critical',
      title: '3 session hosts refuse connections: grace period over and no licence server can license them',
      hosts: ['rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com', 'rdsh03.corp.contoso.com'],
    });
    expect(finding?.cause).toBe(
      'The 120-day licensing grace period has ended, so every connection needs a CAL, and lic01.corp.contoso.com is not activated; an unactivated licence server issues only temporary per-device licences. Clients see: "The remote session was disconnected because there are no Remote Desktop client access licenses available for this computer."',
    );
  });

  it('warns about hosts below graceWarningDays only while they have no working licence server', () => {
    const live = readAsLab([unactivated(), sessionHost('rdsh01.corp.contoso.com', { grace: 12 }), sessionHost('rdsh02.corp.contoso.com', { grace: 45 })]);
    expect(runRule(checkGracePeriod, doctorInput(live)).map((finding) => [finding.key, finding.severity, finding.hosts])).toEqual([
      [`RDSL-GRACE-ENDING:RDSL-LS-NOT-ACTIVATED:${LIC01}`, 'warning', ['rdsh01.corp.contoso.com']],
    ]);
    expect(runRule(checkGracePeriod, doctorInput(live))[0]?.title).toBe('1 session host without a working licence server: grace period ends within 30 days (fewest left: 12 days)');
  });

  it('says nothing about a low or zero count on a correctly licensed host: the counter runs down regardless', () => {
    const live = readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com', { grace: 0 }), sessionHost('rdsh02.corp.contoso.com', { grace: 3 })]);
    expect(runRule(checkGracePeriod, doctorInput(live))).toEqual([]);
  });
});
