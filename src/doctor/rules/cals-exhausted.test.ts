import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInput, doctorInputWithSpec, LIC01, licenseServer, NOW, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
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

  it('reports a full per-user pool as a warning, naming the users the per-user report shows, and does not refuse users', () => {
    const server = counts([100, 100], [50, 10]);
    server.licenseServer!.perUserReport = {
      generatedAt: '2026-11-27T08:00:00Z',
      entries: [
        { user: 'CONTOSO\\alice', productVersionId: 7, expiresAt: '2027-01-20T00:00:00Z' },
        { user: 'CONTOSO\\bob', productVersionId: 7, expiresAt: '2027-01-21T00:00:00Z' },
        { user: 'CONTOSO\\gone', productVersionId: 7, expiresAt: '2026-10-01T00:00:00Z' },
      ],
    };
    const [finding, ...rest] = runRule(checkCalsExhausted, doctorInput(readAsLab([server, sessionHost('rdsh01.corp.contoso.com')])));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ key: `RDSL-CALS-EXHAUSTED:${LIC01}|perUser`, severity: 'warning', title: `${LIC01}: all per-user CALs are issued`, hosts: [LIC01] });
    expect(finding?.cause).toMatch(/^100 of 100 Windows Server 2022 per-user CALs issued\. Per-user CALs are not enforced/);
    expect(finding?.evidence).toContainEqual({ host: LIC01, item: 'per-user CAL holders (per-user report of 2026-11-27T08:00:00Z)', value: ['CONTOSO\\alice', 'CONTOSO\\bob'], source: 'wmi' });
    expect(finding?.fix.steps?.[0]).toBe(
      'Users holding these CALs: CONTOSO\\alice, CONTOSO\\bob. Per-user CALs cannot be revoked: disable the accounts of people who left; their CALs show a 60-day expiry and can be reassigned only after 90 days.',
    );
  });

  it('counts per-device CALs whose issued licence has expired as free: a pool issued in full is not exhausted then', () => {
    const server = counts([100, 40], [50, 50]);
    server.licenseServer!.issuedLicenses = [{ keyPackId: 4, licenseId: 1, issuedToComputer: 'THIN-OLD-01', expiresAt: '2026-11-01T00:00:00Z', status: 'active' }];
    expect(runRule(checkCalsExhausted, doctorInput(readAsLab([server, sessionHost('rdsh01.corp.contoso.com', { mode: 'perDevice' })])))).toEqual([]);
  });

  describe('with CALs still valid on devices the spec retires', () => {
    const exhausted = () => {
      const server = counts([100, 40], [50, 50]);
      server.licenseServer!.issuedLicenses = [1, 2, 3].map((id) => ({ keyPackId: 4, licenseId: id, issuedToComputer: `THIN-OLD-0${id}`, expiresAt: '2027-01-20T00:00:00Z', status: 'active' as const }));
      return readAsLab([server, sessionHost('rdsh01.corp.contoso.com', { mode: 'perDevice' })], { readAt: NOW });
    };
    const spec = (allow: boolean) => `${basicSpec({ mode: 'perDevice' })}reclaim:\n  retiredDevices: ["thin-old-*"]\npolicy:\n  allow: { calRevocation: ${allow} }\n`;

    it('lists them, and the fix leads with the revocations apply makes', () => {
      const [finding] = runRule(checkCalsExhausted, doctorInputWithSpec(exhausted(), spec(true)));
      expect(finding?.cause).toBe(
        '50 of 50 Windows Server 2022 per-device CALs issued. New devices are refused once their 90-day temporary licence ends. 1 session host tries it; it has no working licence server. 3 of them are still valid on devices that are gone (reclaim); Windows lets 3 be revoked now.',
      );
      expect(finding?.evidence).toContainEqual({ host: LIC01, item: 'issued licence 4-1', value: 'THIN-OLD-01 is retired (reclaim.retiredDevices "thin-old-*"); valid until 2027-01-20T00:00:00Z', source: 'wmi' });
      const address = (id: number) => `licenseServer[${LIC01}].issuedLicense[4-${id}]`;
      expect(finding?.fix).toEqual({
        kind: 'apply',
        summary: `rdsctl apply converges it: ${[1, 2, 3].map((id) => `${address(id)} (issuedToComputer THIN-OLD-0${id} → (none), expiresAt 2027-01-20T00:00:00Z → (none))`).join('; ')}`,
        addresses: [1, 2, 3].map(address),
      });
    });

    it('spells out the first three changes of a longer fix and counts the rest; addresses still name them all', () => {
      const live = exhausted();
      const server = live.hosts.find((host) => host.host === LIC01)!.licenseServer!;
      server.issuedLicenses = [1, 2, 3, 4, 5].map((id) => ({ keyPackId: 4, licenseId: id, issuedToComputer: `THIN-OLD-0${id}`, expiresAt: '2027-01-20T00:00:00Z', status: 'active' as const }));
      const [finding] = runRule(checkCalsExhausted, doctorInputWithSpec(live, spec(true)));
      const address = (id: number) => `licenseServer[${LIC01}].issuedLicense[4-${id}]`;
      expect(finding?.fix).toEqual({
        kind: 'apply',
        summary: `rdsctl apply converges it: ${[1, 2, 3].map((id) => `${address(id)} (issuedToComputer THIN-OLD-0${id} → (none), expiresAt 2027-01-20T00:00:00Z → (none))`).join('; ')}; and 2 more changes (rdsctl plan lists them all)`,
        addresses: [1, 2, 3, 4, 5].map(address),
      });
    });

    it('with reclaim.disabledInDirectory, also lists CALs of devices whose computer account is disabled', () => {
      const live = exhausted();
      const server = live.hosts.find((host) => host.host === LIC01)!.licenseServer!;
      server.issuedLicenses = [{ keyPackId: 4, licenseId: 9, issuedToComputer: 'PC-GONE', expiresAt: '2027-01-20T00:00:00Z', status: 'active', computerAccount: 'disabled' }];
      const directorySpec = `${basicSpec({ mode: 'perDevice' })}reclaim:\n  disabledInDirectory: true\npolicy:\n  allow: { calRevocation: true }\n`;
      const [finding] = runRule(checkCalsExhausted, doctorInputWithSpec(live, directorySpec));
      expect(finding?.evidence).toContainEqual({
        host: LIC01,
        item: 'issued licence 4-9',
        value: "PC-GONE's computer account is disabled in Active Directory (reclaim.disabledInDirectory); valid until 2027-01-20T00:00:00Z",
        source: 'wmi',
      });
      expect(finding?.fix).toMatchObject({ kind: 'apply', addresses: [`licenseServer[${LIC01}].issuedLicense[4-9]`] });
    });

    it('says which policy key allows them when the spec does not', () => {
      const [finding] = runRule(checkCalsExhausted, doctorInputWithSpec(exhausted(), spec(false)));
      expect(finding?.fix.kind).toBe('spec');
      expect(finding?.fix.summary).toBe(
        `the plan has the fix (licenseServer[${LIC01}].issuedLicense[4-1]) but refuses it: a revoked per-device CAL cannot be given back to its device, and each revocation counts against the 20% Windows allows at a time; set policy.allow.calRevocation: true to allow it, or do it by hand: revoke the per-device CALs of THIN-OLD-01, THIN-OLD-02, THIN-OLD-03 on ${LIC01} in RD Licensing Manager (Revoke License)`,
      );
    });
  });

  it('says nothing while CALs are free', () => {
    expect(runRule(checkCalsExhausted, doctorInput(readAsLab([counts([100, 99], [50, 49])])))).toEqual([]);
  });
});
