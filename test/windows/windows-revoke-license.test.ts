/**
 * Revoking issued per-device CALs through Win32_TSIssuedLicense.Revoke against the Windows double:
 * the licence found by both keys, revoked only while the planned device holds it, verified by a
 * re-read, and a spent revoke quota stopping the step with the date Revoke gives.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Operation } from '../../src/model/operation.js';
import type { Provider } from '../../src/providers/provider.js';
import { createLocalProvider } from './local-provider.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, keyPack, licenseServerState, type DoubleDirectory } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const VALID = '2099-01-20T08:00:00Z';

function issued(licenseId: number, computer: string, status = 2, expires = VALID) {
  return { KeyPackId: 4, LicenseId: licenseId, sIssuedToComputer: computer, LicenseStatus: status, IssueDate: '2026-10-01T08:00:00Z', ExpirationDate: expires };
}

const revoke = (licenseId: number, issuedToComputer: string): Operation => ({ kind: 'revokeLicense', keyPackId: 4, licenseId, issuedToComputer });

describeWindows('windows-revoke-license', ({ pwsh }) => {
  let double: DoubleDirectory;
  let provider: Provider;
  const applyTo = (operations: Operation[]) => provider.apply({ target: { kind: 'host', host: LIC01 }, operations, resolveSecret: async () => '' });

  beforeAll(async () => {
    double = await createDoubleDirectory({
      // 10 per-device CALs: Windows lets 2 be revoked at a time.
      [LIC01]: licenseServerState({
        keyPacks: [keyPack({ id: 4, productType: 0, total: 10, issued: 10 })],
        extra: { issuedLicenses: [issued(1, 'KIOSK-OLD-01'), issued(2, 'KIOSK-OLD-02'), issued(3, 'KIOSK-OLD-03'), issued(4, 'NEW-DEVICE')] },
      }),
    });
    provider = createLocalProvider(double, pwsh);
  }, 180_000);

  it('revokes by both keys, verifies, changes nothing the second time, and stops with the date when the quota is spent', async () => {
    expect(await applyTo([revoke(1, 'kiosk-old-01'), revoke(2, 'KIOSK-OLD-02')])).toEqual({
      ok: true,
      results: [
        { kind: 'revokeLicense', status: 'done', detail: 'revoked licence 4-1 of KIOSK-OLD-01; 1 more may be revoked now' },
        { kind: 'revokeLicense', status: 'done', detail: 'revoked licence 4-2 of KIOSK-OLD-02; 0 more may be revoked now' },
      ],
    });
    expect(await applyTo([revoke(1, 'KIOSK-OLD-01')])).toEqual({ ok: true, results: [{ kind: 'revokeLicense', status: 'noop', detail: 'licence 4-1 is already revoked' }] });

    const message = 'Windows refused to revoke licence 4-3: the revoke limit for these per-device CALs is used up; try again after 2099-01-20T08:00:00Z';
    expect(await applyTo([revoke(3, 'KIOSK-OLD-03')])).toEqual({
      ok: false,
      results: [{ kind: 'revokeLicense', status: 'failed', detail: message }],
      error: { code: 'REVOKE_LIMIT', step: 'revoke-license', message, windowsCode: '0x80041001' },
    });
    const state = await double.state(LIC01);
    expect((state['issuedLicenses'] as { LicenseStatus: number }[]).map((license) => license.LicenseStatus)).toEqual([4, 4, 2, 2]);
    expect((state['keyPacks'] as { IssuedLicenses: number }[])[0]?.IssuedLicenses).toBe(8);
  }, 180_000);

  it('revokes nothing when another device holds the licence now, or no licence has those keys', async () => {
    const held = 'licence 4-4 is now held by NEW-DEVICE, not KIOSK-OLD-04: nothing revoked; plan again';
    expect((await applyTo([revoke(4, 'KIOSK-OLD-04')])).error).toEqual({ code: 'LICENSE_HOLDER_CHANGED', step: 'revoke-license', message: held });
    expect((await applyTo([revoke(9, 'KIOSK-OLD-09')])).error).toEqual({ code: 'LICENSE_NOT_FOUND', step: 'revoke-license', message: `${LIC01} has no issued licence 4-9` });
    expect((await double.journal(LIC01)).filter((entry) => entry.method === 'Revoke').map((entry) => entry.arguments)).toEqual([
      { KeyPackId: 4, LicenseId: 1 },
      { KeyPackId: 4, LicenseId: 2 },
      { KeyPackId: 4, LicenseId: 3 },
    ]);
  }, 180_000);
});
