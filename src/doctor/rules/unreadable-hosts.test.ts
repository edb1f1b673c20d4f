import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { reportUnreadableHosts } from './unreadable-hosts.js';

describe('RDSL-HOST-UNREADABLE', () => {
  it('reports hosts rdsctl could not read, grouped under the cause that blocks the hosts that list them', () => {
    const down = licenseServer(LIC01, (_server, host) => (host.lab = { reachable: false }));
    const findings = runRule(reportUnreadableHosts, doctorInput(readAsLab([down, sessionHost('rdsh01.corp.contoso.com')])));
    expect(findings.map((finding) => [finding.key, finding.severity, finding.title, finding.rootCause])).toEqual([
      [`RDSL-HOST-UNREADABLE:${LIC01}`, 'warning', `rdsctl could not read ${LIC01} (HOST_UNREACHABLE)`, `RDSL-LS-UNREACHABLE:${LIC01}`],
    ]);
  });

  it('is an error for a host nobody depends on: nothing could be checked there', () => {
    const live = readAsLab([sessionHost('rdsh01.corp.contoso.com', { edit: (_sh, host) => (host.lab = { reachable: false }) })]);
    expect(runRule(reportUnreadableHosts, doctorInput(live)).map((finding) => [finding.key, finding.severity])).toEqual([['RDSL-HOST-UNREADABLE:rdsh01.corp.contoso.com', 'error']]);
  });
});
