import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInputWithSpec, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkSpecCalCoverage } from './spec-cal-coverage.js';

const live = () => readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com')]);
const HOSTS = ['rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com', 'rdsh03.corp.contoso.com'];

describe('the spec\'s own CAL coverage, as findings', () => {
  it('reports a pool whose OS is newer than every CAL declared for it, at the pool\'s os', () => {
    const spec = basicSpec().replace('    os: windowsServer2022\n    configuredBy', '    os: windowsServer2025\n    configuredBy');
    expect(spec).toContain('os: windowsServer2025');
    const findings = runRule(checkSpecCalCoverage, doctorInputWithSpec(live(), spec));
    expect(findings.map((finding) => [finding.key, finding.severity, finding.title, finding.hosts, finding.specPath])).toEqual([
      [
        'RDSL-CAL-VERSION-OLD:spec|pool|desktops',
        'error',
        `the spec's pool "desktops" runs Windows Server 2025, but its newest per-user key pack is for Windows Server 2022`,
        [LIC01, ...HOSTS],
        ['sessionHostPools', 0, 'os'],
      ],
    ]);
    expect(findings[0]?.fix).toEqual({ kind: 'spec', summary: `declare a perUser key pack for windowsServer2025 (or newer) on ${LIC01}, then run rdsctl apply` });
  });

  it('reports a per-device mode with no per-device pack declared, at the licensing mode', () => {
    const packs = `    keyPacks:
      - { name: user, program: enterpriseAgreement, agreementNumber: { env: EA }, product: windowsServer2022, type: perUser, quantity: 100 }`;
    const findings = runRule(checkSpecCalCoverage, doctorInputWithSpec(live(), basicSpec({ mode: 'perDevice', licenseServerYaml: packs })));
    expect(findings.map((finding) => [finding.key, finding.title, finding.hosts, finding.specPath])).toEqual([
      [
        'RDSL-CAL-TYPE-MISMATCH:spec|pool|desktops',
        `the spec's pool "desktops" asks for per-device CALs, but no per-device key pack is declared on ${LIC01}`,
        [LIC01, ...HOSTS],
        ['sessionHostPools', 0, 'licensingMode'],
      ],
    ]);
    expect(findings[0]?.fix).toEqual({ kind: 'spec', summary: `declare a perDevice key pack on one of ${LIC01}, or change the licensingMode of pool "desktops", then run rdsctl apply` });
  });

  it('finds nothing in a spec whose CALs serve its pools', () => {
    expect(runRule(checkSpecCalCoverage, doctorInputWithSpec(live(), basicSpec()))).toEqual([]);
  });
});
