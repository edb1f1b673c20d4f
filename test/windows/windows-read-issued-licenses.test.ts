import { beforeAll, expect, it } from 'vitest';
import type { LiveState } from '../../src/model/live-state.js';
import { createLocalProvider } from './local-provider.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, keyPack, licenseServerState } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const READ_CAP = 50_000;

describeWindows('windows-read-issued-licenses', ({ pwsh }) => {
  let state: LiveState;

  beforeAll(async () => {
    const double = await createDoubleDirectory({
      [LIC01]: licenseServerState({
        keyPacks: [keyPack({ id: 5, versionId: 7, productType: 0, total: 60_000, issued: READ_CAP + 3 })],
        extra: { issuedLicenseCount: READ_CAP + 3 },
      }),
    });
    state = await createLocalProvider(double, pwsh, { timeoutSeconds: 240 }).read({ hosts: [LIC01], gpos: [], parallelism: 1 });
  }, 300_000);

  it('reads 50,000 issued licences in the one licence-server read and counts the ones beyond the cap', () => {
    expect(state.errors).toEqual([]);
    const server = state.hosts[0]?.licenseServer;
    expect(server?.issuedLicenses).toHaveLength(READ_CAP);
    expect(server?.issuedLicensesOmitted).toBe(3);
    expect(server?.issuedLicenses?.[READ_CAP - 1]).toEqual({
      keyPackId: 5,
      licenseId: READ_CAP,
      issuedToComputer: 'PC50000',
      issuedAt: '2026-10-01T08:00:00Z',
      expiresAt: '2026-12-20T08:00:00Z',
      status: 'active',
    });
  });
});
