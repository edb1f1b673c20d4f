import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkCalsExhausted } from './cals-exhausted.js';

const counts = (user: [number, number], device: [number, number]) =>
  licenseServer(LIC01, (server) => {
    server.keyPacks = [
      { keyPackId: 2, productVersionId: 7, product: 'windowsServer2022', type: 'builtIn', channel: 'builtIn', total: 4294967295, issued: 0, available: 4294967295 },
      { keyPackId: 3, productVersionId: 7, product: 'windowsServer2022', type: 'perUser', channel: 'volume', total: user[0], issued: user[1], available: Math.max(0, user[0] - user[1]) },
      { keyPackId: 4, productVersionId: 7, product: 'windowsServer2022', type: 'perDevice', channel: 'volume', total: device[0], issued: device[1], available: Math.max(0, device[0] - device[1]) },
    ];
  });

describe('RDSL-CALS-EXHAUSTED', () => {
  it('reports exhausted per-device CALs as an error, ignoring the built-in pack, with the manual fix', () => {
    const live = readAsLab([counts([100, 40], [50, 50]), sessionHost('rdsh01.corp.contoso.com', { mode: 'perDevice' })]);
    const [finding, ...rest] = runRule(checkCalsExhausted, doctorInput(live));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      key: `RDSL-CALS-EXHAUSTED:${LIC01}|perDevice`,
      severity: 'error',
      title: `${LIC01}: no per-device CALs left`,
      hosts: [LIC01, 'rdsh01.corp.contoso.com'],
    });
    expect(finding?.cause).toBe(
      '50 of 50 Windows Server 2022 per-device CALs issued. New devices are refused once their 90-day temporary licence ends. 1 session host tries it; it has no working licence server.',
    );
    expect(finding?.fix.kind).toBe('manual');
    expect(finding?.fix.summary).toBe(`buy more per-device CALs (the hosts' Windows Server version or newer) and install them on ${LIC01}`);
    expect(finding?.fix.steps?.[0]).toMatch(/at most 20% of per-device CALs .* 52–89 days/);
  });

  it('counts over-issued per-user CALs as over-allocation (a warning), not as negative capacity, and does not refuse users', () => {
    const live = readAsLab([counts([100, 112], [50, 10]), sessionHost('rdsh01.corp.contoso.com')]);
    const [finding, ...rest] = runRule(checkCalsExhausted, doctorInput(live));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ key: `RDSL-CALS-EXHAUSTED:${LIC01}|perUser`, severity: 'warning', title: `${LIC01}: all per-user CALs are issued, 12 over-allocated`, hosts: [LIC01] });
    expect(finding?.cause).toMatch(/^112 of 100 Windows Server 2022 per-user CALs issued \(12 over-allocated\)\. Per-user CALs are not enforced/);
    expect(finding?.fix.steps?.[0]).toMatch(/^Per-user CALs cannot be revoked: .* 60-day expiry and can be reassigned only after 90 days\.$/);
  });

  it('says nothing while CALs are free', () => {
    expect(runRule(checkCalsExhausted, doctorInput(readAsLab([counts([100, 99], [50, 49])])))).toEqual([]);
  });
});
