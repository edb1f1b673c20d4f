import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInputWithSpec, LIC01, LIC02, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkLicenseServerRedundancy } from './single-license-server.js';

describe('RDSL-SINGLE-LICENSE-SERVER', () => {
  it('notes hosts that list one licence server, pointing at the list in the spec', () => {
    const live = readAsLab([licenseServer(LIC01), licenseServer(LIC02), sessionHost('rdsh01.corp.contoso.com'), sessionHost('rdsh02.corp.contoso.com', { servers: [LIC01, LIC02] })]);
    const findings = runRule(checkLicenseServerRedundancy, doctorInputWithSpec(live, basicSpec()));
    expect(findings.map((finding) => [finding.key, finding.severity, finding.title, finding.hosts])).toEqual([
      [`RDSL-SINGLE-LICENSE-SERVER:${LIC01}`, 'info', `1 session host(s) list only ${LIC01}: no failover`, [LIC01, 'rdsh01.corp.contoso.com']],
    ]);
    expect(findings[0]?.specPath).toEqual(['sessionHostPools', 0, 'licenseServers']);
  });
});
