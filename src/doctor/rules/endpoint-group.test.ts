import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkEndpointGroup } from './endpoint-group.js';

describe('RDSL-HOST-NOT-IN-ENDPOINT-GROUP', () => {
  it('reports hosts missing from the RDS Endpoint Servers group of a server that enforces it', () => {
    const enforcing = licenseServer(LIC01, (server) => (server.discovery = { ...server.discovery, securityGroupEnforced: true, endpointServers: ['rdsh02.corp.contoso.com'] }));
    const live = readAsLab([enforcing, sessionHost('rdsh01.corp.contoso.com'), sessionHost('rdsh02.corp.contoso.com')]);
    const [finding, ...rest] = runRule(checkEndpointGroup, doctorInput(live));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      key: `RDSL-HOST-NOT-IN-ENDPOINT-GROUP:${LIC01}`,
      severity: 'error',
      title: `1 session host(s) are not in the RDS Endpoint Servers group of ${LIC01}`,
      hosts: [LIC01, 'rdsh01.corp.contoso.com'],
    });
    expect(finding?.evidence).toContainEqual({ host: 'rdsh01.corp.contoso.com', item: `GetTStoLSConnectivityStatus(${LIC01})`, value: 'LS_CONNECTABLE_NOT_IN_TSCGROUP (5)', source: 'wmi' });
    expect(finding?.fix.summary).toContain('"RDS Endpoint Servers" local group');
    expect(finding?.fix.summary).toContain('(older name "Terminal Server Computers")');
  });
});
