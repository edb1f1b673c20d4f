import { describe, expect, it } from 'vitest';
import type { LiveIssuedLicense } from '../../model/live-state.js';
import type { LabHost } from './lab-estate.js';
import { NO_SECRETS } from './fixtures/lab-test-fixture.js';
import type { HostOperationContext } from './operations/operation-outcome.js';
import { revokeLicense } from './operations/revoke-license.js';

const NOW = '2026-12-01T10:00:00.000Z';
const LIC01 = 'lic01.corp.contoso.com';

function server(licenses: LiveIssuedLicense[], total = 10): LabHost {
  return {
    host: LIC01,
    licenseServer: {
      activation: { status: 'activated' },
      discovery: { scope: 'domain' },
      service: { state: 'running' },
      firewall: { ruleGroup: 'enabled', rules: [] },
      keyPacks: [
        { keyPackId: 2, productVersionId: 7, product: 'windowsServer2022', type: 'builtIn', channel: 'builtIn', total: 4294967295, issued: 0, available: 4294967295 },
        { keyPackId: 4, productVersionId: 7, product: 'windowsServer2022', type: 'perDevice', channel: 'volume', total, issued: total, available: 0 },
      ],
      issuedLicenses: licenses,
    },
  };
}

function held(licenseId: number, computer: string, fields: Partial<LiveIssuedLicense> = {}): LiveIssuedLicense {
  return { keyPackId: 4, licenseId, issuedToComputer: computer, expiresAt: '2027-01-20T00:00:00.000Z', status: 'active', ...fields };
}

function contextOf(host: LabHost): HostOperationContext & { host(): LabHost } {
  let current = host;
  return { current: () => current, commit: (next) => void (current = next), resolveSecret: NO_SECRETS, allHosts: () => [current], host: () => current };
}

const revoke = (licenseId: number, issuedToComputer: string) => ({ kind: 'revokeLicense' as const, keyPackId: 4, licenseId, issuedToComputer });

describe('lab revokeLicense', () => {
  it('revokes the licence as Windows does: listed as revoked, its CAL back in the pack; a second run changes nothing', () => {
    const ctx = contextOf(server([held(1, 'KIOSK-OLD-01'), held(2, 'KIOSK-OLD-02')]));
    expect(revokeLicense(revoke(1, 'kiosk-old-01'), ctx, NOW)).toEqual({ status: 'done', detail: 'revoked licence 4-1 of KIOSK-OLD-01; 1 more may be revoked now' });
    expect(ctx.host().licenseServer!.issuedLicenses!.map((license) => license.status)).toEqual(['revoked', 'active']);
    expect(ctx.host().licenseServer!.keyPacks[1]).toMatchObject({ issued: 9, available: 1 });
    expect(revokeLicense(revoke(1, 'KIOSK-OLD-01'), ctx, NOW)).toEqual({ status: 'noop', detail: 'licence 4-1 is already revoked' });
  });

  it('stops at the revoke limit (20% of the version) and says when to try again', () => {
    const ctx = contextOf(server([held(1, 'A', { status: 'revoked', expiresAt: '2027-01-05T00:00:00.000Z' }), held(2, 'B', { status: 'revoked' }), held(3, 'C')]));
    const message = 'Windows allows no more revocations of Windows Server 2022 per-device CALs on lic01.corp.contoso.com now (at most 20%: 2 of 10, all used); try again after 2027-01-05T00:00:00.000Z';
    expect(revokeLicense(revoke(3, 'C'), ctx, NOW)).toEqual({ status: 'failed', failure: { code: 'REVOKE_LIMIT', message } });
    expect(ctx.host().licenseServer!.issuedLicenses![2]!.status).toBe('active');
    // Once the first revoked licence would have expired, it stops counting.
    expect(revokeLicense(revoke(3, 'C'), ctx, '2027-01-06T00:00:00.000Z')).toMatchObject({ status: 'done' });
  });

  it('revokes nothing when the licence is gone, held by another device, or not a purchased per-device CAL', () => {
    const ctx = contextOf(server([held(1, 'NEW-DEVICE'), held(2, 'X', { keyPackId: 2 })]));
    expect(revokeLicense(revoke(9, 'A'), ctx, NOW)).toEqual({ status: 'failed', failure: { code: 'LICENSE_NOT_FOUND', message: 'lic01.corp.contoso.com has no issued licence 4-9' } });
    expect(revokeLicense(revoke(1, 'KIOSK-OLD-01'), ctx, NOW)).toEqual({
      status: 'failed',
      failure: { code: 'LICENSE_HOLDER_CHANGED', message: 'licence 4-1 is now held by NEW-DEVICE, not KIOSK-OLD-01: nothing revoked; plan again' },
    });
    expect(revokeLicense({ kind: 'revokeLicense', keyPackId: 2, licenseId: 2, issuedToComputer: 'X' }, ctx, NOW)).toEqual({
      status: 'failed',
      failure: { code: 'NOT_REVOCABLE', message: 'licence 2-2 is not a purchased per-device CAL: only those can be revoked' },
    });
    expect(ctx.host().licenseServer!.issuedLicenses!.map((license) => license.status)).toEqual(['active', 'active']);
  });
});
