import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInput, doctorInputWithSpec, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkCalVersionsFitServers } from './cal-version-too-new.js';

describe('RDSL-CAL-VERSION-TOO-NEW-FOR-LS', () => {
  it('reports a declared key pack newer than the OS its licence server reports, at the line of its product', () => {
    const packs = `    keyPacks:
      - { name: user, program: enterpriseAgreement, agreementNumber: { env: EA }, product: windowsServer2022, type: perUser, quantity: 100 }
      - { name: user-2025, program: enterpriseAgreement, agreementNumber: { env: EA }, product: windowsServer2025, type: perUser, quantity: 10 }`;
    const live = readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com')]);
    const findings = runRule(checkCalVersionsFitServers, doctorInputWithSpec(live, basicSpec({ licenseServerYaml: packs, declareServerOs: false })));
    expect(findings.map((finding) => [finding.key, finding.severity, finding.title])).toEqual([
      [`RDSL-CAL-VERSION-TOO-NEW-FOR-LS:${LIC01}|user-2025`, 'error', `${LIC01} runs Windows Server 2022 and cannot hold the Windows Server 2025 CALs of key pack "user-2025"`],
    ]);
    expect(findings[0]?.specPath).toEqual(['licenseServers', 0, 'keyPacks', 1, 'product']);
    expect(findings[0]?.address).toBe(`licenseServer[${LIC01}].keyPack[user-2025]`);
  });

  it('reports a key pack newer than the OS the spec declares for its server, which validation would refuse', () => {
    const packs = `    keyPacks:
      - { name: user-2025, program: enterpriseAgreement, agreementNumber: { env: EA }, product: windowsServer2025, type: perUser, quantity: 10 }`;
    const server = licenseServer(LIC01, (_server, host) => delete host.os);
    const findings = runRule(checkCalVersionsFitServers, doctorInputWithSpec(readAsLab([server, sessionHost('rdsh01.corp.contoso.com')]), basicSpec({ licenseServerYaml: packs })));
    expect(findings.map((finding) => [finding.key, finding.title, finding.evidence[0]?.source, finding.specPath])).toEqual([
      [`RDSL-CAL-VERSION-TOO-NEW-FOR-LS:${LIC01}|user-2025`, `${LIC01} runs Windows Server 2022 and cannot hold the Windows Server 2025 CALs of key pack "user-2025"`, 'spec', ['licenseServers', 0, 'keyPacks', 0, 'product']],
    ]);
  });

  it('reports a licence server older than the hosts it serves (LS_CONNECTABLE_LOWER_VERSION)', () => {
    const old = licenseServer(LIC01, (_server, host) => (host.os = 'windowsServer2019'));
    const live = readAsLab([old, sessionHost('rdsh01.corp.contoso.com')]);
    const findings = runRule(checkCalVersionsFitServers, doctorInput(live));
    expect(findings.map((finding) => [finding.key, finding.hosts])).toEqual([[`RDSL-CAL-VERSION-TOO-NEW-FOR-LS:${LIC01}`, [LIC01, 'rdsh01.corp.contoso.com']]]);
    expect(findings[0]?.fix).toMatchObject({ kind: 'manual', summary: `upgrade ${LIC01} to Windows Server 2022 or newer (or point the hosts at a licence server that is), then install matching CALs there` });
  });
});
