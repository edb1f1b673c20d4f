import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInput, doctorInputWithSpec, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { runDoctor } from '../run-doctor.js';
import { checkPerUserWorkgroup } from './per-user-workgroup.js';

describe('RDSL-PER-USER-WORKGROUP', () => {
  it('reports per-user hosts of a workgroup pool; apply converges them to per device', () => {
    const spec = basicSpec({ mode: 'perDevice' }).replace('    configuredBy: local', '    workgroup: true\n    configuredBy: local');
    const live = readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com'), sessionHost('rdsh02.corp.contoso.com', { mode: 'perDevice' })]);
    const [finding, ...rest] = runRule(checkPerUserWorkgroup, doctorInputWithSpec(live, spec));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ key: 'RDSL-PER-USER-WORKGROUP:desktops', severity: 'error', title: 'pool "desktops" is a workgroup pool in per-user mode', hosts: ['rdsh01.corp.contoso.com'] });
    expect(finding?.fix.kind).toBe('apply');
    expect(finding?.specPath).toEqual(['sessionHostPools', 0, 'licensingMode']);
  });
});

describe('RDSL-PER-USER-WORKGROUP from live domain membership', () => {
  const workgroupServer = () =>
    licenseServer(LIC01, (server, whole) => {
      server.discovery = { scope: 'workgroup', publishedInAD: false, inLicenseServersGroup: false, securityGroupEnforced: false };
      whole.membership = { partOfDomain: false, workgroup: 'WORKGROUP' };
    });

  it('names a licence server outside a domain that per-user hosts use, though the spec says nothing of workgroups', () => {
    const live = readAsLab([workgroupServer(), sessionHost('rdsh01.corp.contoso.com'), sessionHost('rdsh02.corp.contoso.com')]);
    const report = runDoctor(doctorInputWithSpec(live, basicSpec({ mode: 'perDevice' })));
    const finding = report.findings.find((entry) => entry.id === 'RDSL-PER-USER-WORKGROUP');
    expect(finding).toMatchObject({
      key: `RDSL-PER-USER-WORKGROUP:${LIC01}`,
      severity: 'error',
      title: `${LIC01} is not in a domain, so the per-user session hosts using it cannot be licensed`,
      hosts: [LIC01, 'rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com'],
      specPath: ['licenseServers', 0],
    });
    expect(finding?.cause).toBe(
      `${LIC01} is not in a domain (workgroup WORKGROUP), so it cannot track per-user CALs. Per-user CALs are recorded in Active Directory; outside a domain they cannot be tracked, so per-user licensing does not work in a workgroup. Use per-device licensing there. 2 session hosts try it; all of them have no working licence server.`,
    );
    expect(finding?.evidence.slice(0, 3)).toEqual([
      { host: LIC01, item: 'Win32_ComputerSystem.PartOfDomain', value: false, source: 'wmi' },
      { host: LIC01, item: 'Win32_ComputerSystem.Workgroup', value: 'WORKGROUP', source: 'wmi' },
      { host: LIC01, item: 'discovery scope (ServerRole)', value: 'workgroup', source: 'wmi' },
    ]);
    expect(finding?.fix).toMatchObject({ kind: 'apply', addresses: ['sessionHost[rdsh01.corp.contoso.com]', 'sessionHost[rdsh02.corp.contoso.com]'] });
    expect(report.rootCauses[0]).toMatchObject({ id: 'RDSL-PER-USER-WORKGROUP', key: `RDSL-PER-USER-WORKGROUP:${LIC01}` });
  });

  it('leaves per-device hosts of that server alone, and says nothing when membership was not read', () => {
    const perDevice = readAsLab([workgroupServer(), sessionHost('kiosk01.corp.contoso.com', { mode: 'perDevice' })]);
    expect(runRule(checkPerUserWorkgroup, doctorInput(perDevice))).toEqual([]);
    const unread = readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com')]);
    expect(runRule(checkPerUserWorkgroup, doctorInput(unread))).toEqual([]);
  });
});
