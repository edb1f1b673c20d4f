/**
 * With reclaim.disabledInDirectory the licence server's read also asks the directory about each
 * device holding an active CAL (Get-RdsComputerAccountState), and leaves every account unknown,
 * never guessed, when no domain controller answers.
 */
import { beforeAll, expect, it } from 'vitest';
import type { LiveState } from '../../src/model/live-state.js';
import { createLocalProvider } from './local-provider.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, keyPack, licenseServerState } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const LIC_NODC = 'lic-nodc.corp.contoso.com';

function issued(licenseId: number, computer: string, status = 2) {
  return { KeyPackId: 4, LicenseId: licenseId, sIssuedToComputer: computer, LicenseStatus: status, IssueDate: '2026-10-01T08:00:00Z', ExpirationDate: '2026-12-20T08:00:00Z' };
}

const LICENCES = [issued(1, 'KIOSK-OLD-01'), issued(2, 'kiosk-old-02.corp.contoso.com'), issued(3, 'THIN-01'), issued(4, 'OLD-REVOKED', 4)];

describeWindows('windows-read-computer-accounts', ({ pwsh }) => {
  let state: LiveState;
  let without: LiveState;

  beforeAll(async () => {
    const packs = [keyPack({ id: 4, productType: 0, total: 10, issued: 4 })];
    const double = await createDoubleDirectory({
      [LIC01]: licenseServerState({ keyPacks: packs, extra: { issuedLicenses: LICENCES, directoryComputers: { 'KIOSK-OLD-01': { disabled: true }, 'THIN-01': { disabled: false } } } }),
      [LIC_NODC]: licenseServerState({ keyPacks: packs, extra: { issuedLicenses: LICENCES } }),
    });
    state = await createLocalProvider(double, pwsh, {}, { readComputerAccounts: true }).read({ hosts: [LIC01, LIC_NODC], gpos: [], parallelism: 2 });
    without = await createLocalProvider(double, pwsh).read({ hosts: [LIC01], gpos: [], parallelism: 1 });
  }, 240_000);

  const accounts = (live: LiveState, host: string) => live.hosts.find((entry) => entry.host === host)?.licenseServer?.issuedLicenses?.map((license) => [license.issuedToComputer, license.computerAccount ?? null]);

  it('reads each active holder\'s account: disabled, deleted (missing) or enabled', () => {
    expect(state.errors).toEqual([]);
    expect(accounts(state, LIC01)).toEqual([
      ['KIOSK-OLD-01', 'disabled'],
      ['kiosk-old-02.corp.contoso.com', 'missing'],
      ['THIN-01', 'enabled'],
      ['OLD-REVOKED', null],
    ]);
  });

  it('leaves the accounts unknown when no domain controller answers, and when reclaim does not ask for them', () => {
    expect(accounts(state, LIC_NODC)).toEqual(LICENCES.map((license) => [license.sIssuedToComputer, null]));
    expect(accounts(without, LIC01)).toEqual(LICENCES.map((license) => [license.sIssuedToComputer, null]));
  });
});
