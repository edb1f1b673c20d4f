import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInput, doctorInputWithSpec, LIC01, licenseServer, NOW, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkKeyPacksInstalled } from './no-key-packs.js';

const onlyBuiltIn = () =>
  licenseServer(LIC01, (server) => {
    server.keyPacks = [
      { keyPackId: 2, productVersionId: 7, product: 'windowsServer2022', type: 'builtIn', channel: 'builtIn', total: 4294967295, issued: 0, available: 4294967295 },
      { keyPackId: 9, productVersionId: 7, product: 'windowsServer2022', type: 'perDevice', channel: 'temporary', total: 0, issued: 3, available: 0 },
    ];
  });

describe('RDSL-NO-KEYPACKS', () => {
  it('reports a server with only built-in and temporary packs, which are never purchased CALs', () => {
    const live = readAsLab([onlyBuiltIn(), sessionHost('rdsh01.corp.contoso.com')]);
    const [finding, ...rest] = runRule(checkKeyPacksInstalled, doctorInput(live));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ key: `RDSL-NO-KEYPACKS:${LIC01}`, severity: 'error', title: `${LIC01} has no CALs installed`, hosts: [LIC01, 'rdsh01.corp.contoso.com'] });
    expect(finding?.evidence[0]).toEqual({ host: LIC01, item: 'Win32_TSLicenseKeyPack (purchased)', value: 0, source: 'wmi' });
    expect(finding?.fix.kind).toBe('manual');
    expect(finding?.fix.summary).toBe(`install the purchased CALs on ${LIC01}: RD Licensing Manager, right-click the server, Install Licenses`);
  });

  it('counts an expired pack as no pack', () => {
    const expired = licenseServer(LIC01, (server) => {
      server.keyPacks = [{ keyPackId: 3, productVersionId: 7, product: 'windowsServer2022', type: 'perUser', channel: 'volume', total: 10, issued: 0, available: 10, expiresAt: '2026-01-01T00:00:00Z' }];
    });
    expect(runRule(checkKeyPacksInstalled, doctorInput(readAsLab([expired]), { now: NOW })).map((finding) => finding.key)).toEqual([`RDSL-NO-KEYPACKS:${LIC01}`]);
  });

  it('with a spec that declares key packs, says apply installs them', () => {
    const live = readAsLab([onlyBuiltIn(), sessionHost('rdsh01.corp.contoso.com')]);
    const [finding] = runRule(checkKeyPacksInstalled, doctorInputWithSpec(live, basicSpec()));
    expect(finding?.fix.kind).toBe('apply');
    expect(finding?.fix.addresses).toEqual([`licenseServer[${LIC01}].keyPack[user]`, `licenseServer[${LIC01}].keyPack[device]`]);
    expect(finding?.specPath).toEqual(['licenseServers', 0, 'keyPacks']);
  });

  it('says nothing when purchased CALs are installed, or when the server could not be read fully', () => {
    expect(runRule(checkKeyPacksInstalled, doctorInput(readAsLab([licenseServer(LIC01)])))).toEqual([]);
    const denied = onlyBuiltIn();
    denied.licenseServer!.accessDenied = true;
    expect(runRule(checkKeyPacksInstalled, doctorInput(readAsLab([denied])))).toEqual([]);
  });
});
