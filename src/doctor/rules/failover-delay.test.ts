import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, LIC02, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkFailoverDelay } from './failover-delay.js';

describe('RDSL-FAILOVER-DELAY', () => {
  it('reports hosts whose first server is unusable while a later one works, under the first server\'s cause', () => {
    const blocked = licenseServer(LIC02, (server) => (server.firewall = { ruleGroup: 'disabled', rules: [] }));
    const live = readAsLab([licenseServer(LIC01), blocked, sessionHost('rdsh01.corp.contoso.com', { servers: ['LIC02', LIC01] }), sessionHost('rdsh02.corp.contoso.com', { servers: [LIC02, LIC01] })]);
    const [finding, ...rest] = runRule(checkFailoverDelay, doctorInput(live));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      key: `RDSL-FAILOVER-DELAY:${LIC02}`,
      rootCause: `RDSL-FIREWALL-DISABLED:${LIC02}`,
      severity: 'warning',
      title: `2 session host(s) list ${LIC02} first, which is unusable; they fail over to a later server`,
      hosts: ['rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com'],
    });
  });

  it('says nothing when the first server works or when none does', () => {
    const down = licenseServer(LIC02, (server) => (server.service = { state: 'stopped' }));
    const live = readAsLab([licenseServer(LIC01), down, sessionHost('rdsh01.corp.contoso.com', { servers: [LIC01, LIC02] }), sessionHost('rdsh02.corp.contoso.com', { servers: [LIC02] })]);
    expect(runRule(checkFailoverDelay, doctorInput(live))).toEqual([]);
  });
});
