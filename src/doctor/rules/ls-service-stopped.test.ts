import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkLicensingService } from './ls-service-stopped.js';

describe('RDSL-LS-SERVICE-STOPPED', () => {
  it('reports a stopped licensing service even though TCP 135 still answers', () => {
    const stopped = licenseServer(LIC01, (server) => (server.service = { state: 'stopped' }));
    const [finding, ...rest] = runRule(checkLicensingService, doctorInput(readAsLab([stopped, sessionHost('rdsh01.corp.contoso.com')])));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ key: `RDSL-LS-SERVICE-STOPPED:${LIC01}`, severity: 'error', title: `the licensing service on ${LIC01} is not running` });
    expect(finding?.evidence).toContainEqual({ host: 'rdsh01.corp.contoso.com', item: `TCP 135 to ${LIC01}`, value: 'open', source: 'probe' });
    expect(finding?.fix.summary).toMatch(/^start the Remote Desktop Licensing service on lic01\.corp\.contoso\.com: Start-Service TermServLicensing/);
  });

  it('reports a stopped service on a server nobody uses yet, as an error all the same', () => {
    const stopped = licenseServer(LIC01, (server) => (server.service = { state: 'stopped' }));
    expect(runRule(checkLicensingService, doctorInput(readAsLab([stopped]))).map((finding) => [finding.key, finding.severity, finding.title])).toEqual([
      [`RDSL-LS-SERVICE-STOPPED:${LIC01}`, 'error', `the licensing service on ${LIC01} is stopped`],
    ]);
  });
});
