import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInput, doctorInputWithSpec, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkLicenseServerConfigured } from './no-license-server.js';

const unpublished = () => licenseServer(LIC01, (server) => (server.discovery = { scope: 'workgroup', publishedInAD: false }));

describe('RDSL-NO-LICENSE-SERVER', () => {
  it('is an error when hosts list no licence server and AD discovery finds none', () => {
    const live = readAsLab([unpublished(), sessionHost('rdsh01.corp.contoso.com', { servers: [] })]);
    const [finding, ...rest] = runRule(checkLicenseServerConfigured, doctorInput(live));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      key: 'RDSL-NO-LICENSE-SERVER',
      severity: 'error',
      title: '1 session host(s) list no licence server, and discovery finds none that can license them',
      hosts: ['rdsh01.corp.contoso.com'],
    });
    expect(finding?.cause).toBe('A host with no licence server configured falls back to AD discovery, and no licence server is published in AD.');
    expect(finding?.fix.summary).toMatch(/^enable "Use the specified Remote Desktop license servers" \(Computer Configuration > Policies > /);
  });

  it('is a warning when discovery finds a server that licenses the host', () => {
    const live = readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com', { servers: [] })]);
    expect(runRule(checkLicenseServerConfigured, doctorInput(live)).map((finding) => [finding.key, finding.severity])).toEqual([['RDSL-NO-LICENSE-SERVER:discovery', 'warning']]);
  });

  it('with a spec listing the servers, says apply sets the list', () => {
    const live = readAsLab([unpublished(), sessionHost('rdsh01.corp.contoso.com', { servers: [] })]);
    const [finding] = runRule(checkLicenseServerConfigured, doctorInputWithSpec(live, basicSpec()));
    expect(finding?.fix).toMatchObject({ kind: 'apply', addresses: ['sessionHost[rdsh01.corp.contoso.com]'] });
    expect(finding?.specPath).toEqual(['sessionHostPools', 0]);
  });
});
