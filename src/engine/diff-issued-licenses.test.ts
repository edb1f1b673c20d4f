import { describe, expect, it } from 'vitest';
import { LS, desiredModel, hostIn, liveState } from '../../test/fixtures/engine-fixtures.js';
import type { LiveIssuedLicense, LiveState } from '../model/live-state.js';
import { buildPlan } from './build-plan.js';
import { basisOfChange } from './change-basis.js';
import type { DesiredModel } from './desired-model.js';
import { createRetiredDeviceMatcher } from './match-retired-device.js';
import { DEFAULT_POLICY } from './resolve-policy.js';

const READ_AT = '2026-12-01T10:00:00.000Z';
const VALID = '2027-01-20T08:00:00.000Z';
const EXPIRED = '2026-11-30T08:00:00.000Z';

function device(licenseId: number, computer: string, fields: Partial<LiveIssuedLicense> = {}): LiveIssuedLicense {
  return { keyPackId: 3, licenseId, issuedToComputer: computer, issuedAt: '2026-10-01T08:00:00.000Z', expiresAt: VALID, status: 'active', ...fields };
}

function withLicenses(licenses: LiveIssuedLicense[]): LiveState {
  return liveState((state) => {
    state.readAt = READ_AT;
    hostIn(state, LS).licenseServer!.issuedLicenses = licenses;
  });
}

function reclaiming(retiredDevices: string[], options: { allow?: boolean; disabledInDirectory?: boolean } = {}): DesiredModel {
  return desiredModel({
    reclaim: { retiredDevices, disabledInDirectory: options.disabledInDirectory ?? false },
    policy: { ...DEFAULT_POLICY, allow: { ...DEFAULT_POLICY.allow, calRevocation: options.allow ?? true } },
  });
}

function revocations(live: LiveState, desired: DesiredModel) {
  const plan = buildPlan({ desired, live, provider: 'test' });
  return { plan, changes: plan.changes.filter((change) => change.resource === 'licenseServer.issuedLicense') };
}

describe('reclaim: revoking per-device CALs of devices that are gone', () => {
  it('plans a delete per CAL still valid on a retired device, addressed by both keys, with the device and why', () => {
    const { changes } = revocations(withLicenses([device(1, 'KIOSK-OLD-01'), device(2, 'KIOSK07')]), reclaiming(['kiosk-old-*']));
    expect(changes).toEqual([
      {
        address: `licenseServer[${LS}].issuedLicense[3-1]`,
        resource: 'licenseServer.issuedLicense',
        action: 'delete',
        target: { kind: 'host', host: LS },
        attributes: [
          { name: 'issuedToComputer', before: 'KIOSK-OLD-01', after: null },
          { name: 'expiresAt', before: VALID, after: null },
        ],
        operations: [{ kind: 'revokeLicense', keyPackId: 3, licenseId: 1, issuedToComputer: 'KIOSK-OLD-01' }],
        reason: 'KIOSK-OLD-01 is retired (reclaim.retiredDevices "kiosk-old-*"): revoking returns its per-device CAL to the pool',
        dependsOn: [],
      },
    ]);
  });

  it('is refused unless policy.allow.calRevocation is true', () => {
    const { changes, plan } = revocations(withLicenses([device(1, 'KIOSK-OLD-01')]), reclaiming(['kiosk-old-01'], { allow: false }));
    expect(changes.map((change) => change.refused)).toEqual([
      {
        rule: 'calRevocation',
        policyKey: 'policy.allow.calRevocation',
        message: 'a revoked per-device CAL cannot be given back to its device, and each revocation counts against the 20% Windows allows at a time',
      },
    ]);
    expect(plan.summary).toMatchObject({ delete: 0, refused: 1 });
  });

  it('never revokes an expired CAL (it is free already), a revoked one, a per-user or built-in one, or a device not named', () => {
    const { changes } = revocations(
      withLicenses([
        device(1, 'KIOSK-OLD-01', { expiresAt: EXPIRED }),
        device(2, 'KIOSK-OLD-02', { status: 'revoked' }),
        device(3, 'KIOSK-OLD-03', { keyPackId: 2 }),
        device(4, 'KIOSK-OLD-04', { keyPackId: 1 }),
        device(5, 'KIOSK-NEW-05'),
        device(6, 'KIOSK-OLD-06', { status: 'temporary' }),
      ]),
      reclaiming(['kiosk-old-*']),
    );
    expect(changes).toEqual([]);
  });

  it('plans no more than Windows lets be revoked at a time (20% of the version, less what still counts) and says when the rest can go', () => {
    // 20 per-device CALs installed: 4 may be revoked at a time; one revoked CAL still counts until it would have expired.
    const licenses = [device(1, 'OLD01', { status: 'revoked', expiresAt: '2027-01-05T00:00:00.000Z' }), ...[2, 3, 4, 5, 6].map((id) => device(id, `OLD0${id}`))];
    const { changes, plan } = revocations(withLicenses(licenses), reclaiming(['old[01:09]']));
    const address = (id: number) => `licenseServer[${LS}].issuedLicense[3-${id}]`;
    expect(changes.map((change) => [change.address, change.dependsOn])).toEqual([
      [address(2), []],
      [address(3), [address(2)]],
      [address(4), [address(3)]],
    ]);
    expect(plan.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'REVOKE_LIMIT',
        summary: `${LS}: 2 more Windows Server 2022 per-device CAL(s) of devices that are gone wait for a later apply`,
        detail: "Windows lets an administrator revoke at most 20% of a version's per-device CALs at a time: 4 of the 20 installed, 1 of them already revoked.",
        hint: 'run rdsctl apply again after 2027-01-05T00:00:00.000Z; unused per-device CALs also expire by themselves after 52–89 days',
        address: `licenseServer[${LS}]`,
      },
    ]);
  });

  it('targets one revocation alone: the chain is made after --target selection', () => {
    const live = withLicenses([1, 2, 3].map((id) => device(id, `OLD0${id}`)));
    const address = (id: number) => `licenseServer[${LS}].issuedLicense[3-${id}]`;
    const plan = buildPlan({ desired: reclaiming(['old0*']), live, provider: 'test', targets: [address(3)] });
    expect(plan.changes.map((change) => [change.address, change.dependsOn])).toEqual([[address(3), []]]);
  });

  it('with disabledInDirectory, reclaims from disabled and deleted computer accounts, and says when the accounts were not read', () => {
    const read = withLicenses([device(1, 'PC1', { computerAccount: 'disabled' }), device(2, 'PC2', { computerAccount: 'missing' }), device(3, 'PC3', { computerAccount: 'enabled' })]);
    expect(revocations(read, reclaiming([], { disabledInDirectory: true })).changes.map((change) => change.reason)).toEqual([
      "PC1's computer account is disabled in Active Directory (reclaim.disabledInDirectory): revoking returns its per-device CAL to the pool",
      "PC2's computer account is deleted in Active Directory (reclaim.disabledInDirectory): revoking returns its per-device CAL to the pool",
    ]);
    const unread = revocations(withLicenses([device(1, 'PC1')]), reclaiming([], { disabledInDirectory: true }));
    expect(unread.changes).toEqual([]);
    expect(unread.plan.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['DIRECTORY_NOT_READ']);
  });

  it('says when licences beyond the read cap were not examined', () => {
    const live = withLicenses([device(1, 'KIOSK-OLD-01')]);
    hostIn(live, LS).licenseServer!.issuedLicensesOmitted = 7;
    expect(revocations(live, reclaiming(['kiosk-old-*'])).plan.diagnostics).toEqual([
      {
        severity: 'info',
        code: 'ISSUED_LICENSES_UNLISTED',
        summary: `${LS}: 7 issued licence(s) beyond the read cap were not listed, so reclaim did not examine them`,
        hint: 'the Windows provider lists at most 50,000 issued licences per server (docs/windows.md); revoke the CALs of retired devices beyond them in RD Licensing Manager',
        address: `licenseServer[${LS}]`,
      },
    ]);
    expect(revocations(live, desiredModel()).plan.diagnostics).toEqual([]);
  });

  it('plans nothing without a reclaim section', () => {
    expect(revocations(withLicenses([device(1, 'KIOSK-OLD-01')]), desiredModel()).changes).toEqual([]);
  });

  it('bases the revocation on that licence record alone, so a saved plan goes stale only when it moves', () => {
    const live = withLicenses([device(1, 'KIOSK-OLD-01'), device(2, 'OTHER')]);
    const [change] = revocations(live, reclaiming(['kiosk-old-01'])).changes;
    const host = hostIn(live, LS);
    expect(basisOfChange(change!, host, undefined)).toEqual({ licenseServer: { issuedLicense: device(1, 'KIOSK-OLD-01') } });
    host.licenseServer!.issuedLicenses![1]!.status = 'revoked';
    host.licenseServer!.keyPacks[2]!.issued = 4;
    expect(basisOfChange(change!, host, undefined)).toEqual({ licenseServer: { issuedLicense: device(1, 'KIOSK-OLD-01') } });
    host.licenseServer!.issuedLicenses![0]!.issuedToComputer = 'NEW-DEVICE';
    expect(basisOfChange(change!, host, undefined)).toEqual({ licenseServer: { issuedLicense: device(1, 'NEW-DEVICE') } });
  });
});

describe('createRetiredDeviceMatcher', () => {
  const match = createRetiredDeviceMatcher(['kiosk[01:12]', 'thin-old-*', 'pos7.shop.contoso.com', 'LAPTOP9']);
  it.each([
    ['KIOSK07', 'kiosk[01:12]'],
    ['kiosk12.corp.contoso.com', 'kiosk[01:12]'],
    ['kiosk7', undefined],
    ['kiosk13', undefined],
    ['THIN-OLD-A1', 'thin-old-*'],
    ['thin-old-', 'thin-old-*'],
    ['thin-new-1', undefined],
    ['pos7.shop.contoso.com', 'pos7.shop.contoso.com'],
    ['pos7', undefined],
    ['laptop9.corp.contoso.com', 'LAPTOP9'],
    ['laptop99', undefined],
  ])('%s → %s', (computer, entry) => {
    expect(match(computer)).toBe(entry);
  });
});
