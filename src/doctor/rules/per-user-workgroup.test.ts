import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInputWithSpec, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
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
