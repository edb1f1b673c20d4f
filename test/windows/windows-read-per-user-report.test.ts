import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveState } from '../../src/model/live-state.js';
import { createLocalProvider } from './local-provider.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, licenseServerState, type DoubleDirectory } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const ENTRIES = [
  { User: 'CORP\\alice', ProductVersionID: 7, ExpirationDate: '2027-01-15T08:00:00Z' },
  { User: 'CORP\\bob', ProductVersionID: 6, ExpirationDate: '2026-12-01T08:00:00Z' },
];

describeWindows('windows-read-per-user-report', ({ pwsh }) => {
  const reportCalls = async (double: DoubleDirectory): Promise<unknown[]> =>
    (await double.journal(LIC01)).filter((entry) => entry.class === 'Win32_TSLicenseReport').map((entry) => [entry.method, entry.fileName, ...(entry.refused ? [entry.refused] : [])]);

  describe('when asked for', () => {
    let double: DoubleDirectory;
    let state: LiveState;
    beforeAll(async () => {
      double = await createDoubleDirectory({ [LIC01]: licenseServerState({ extra: { perUserEntries: ENTRIES } }) });
      state = await createLocalProvider(double, pwsh).read({ hosts: [LIC01], gpos: [], parallelism: 1, perUserReport: true });
    }, 120_000);

    it('generates a report, reads its entries, then deletes it from the licence server', async () => {
      expect(state.errors).toEqual([]);
      expect(state.hosts[0]?.licenseServer?.perUserReport).toEqual({
        generatedAt: '2026-11-02T09:00:00Z',
        entries: [
          { user: 'CORP\\alice', productVersionId: 7, product: 'windowsServer2022', expiresAt: '2027-01-15T08:00:00Z' },
          { user: 'CORP\\bob', productVersionId: 6, product: 'windowsServer2019', expiresAt: '2026-12-01T08:00:00Z' },
        ],
      });
      expect(await reportCalls(double)).toEqual([
        ['GenerateReportEx', 'rdsctl-double-report-1'],
        ['FetchReportEntries', 'rdsctl-double-report-1'],
        ['DeleteReport', 'rdsctl-double-report-1'],
      ]);
      expect((await double.state(LIC01)).licenseReports).toEqual([]);
    });
  });

  it('writes nothing and reports nothing per user when not asked', async () => {
    const double = await createDoubleDirectory({ [LIC01]: licenseServerState({ extra: { perUserEntries: ENTRIES } }) });
    const state = await createLocalProvider(double, pwsh).read({ hosts: [LIC01], gpos: [], parallelism: 1 });
    expect(state.errors).toEqual([]);
    expect(state.hosts[0]?.licenseServer?.perUserReport).toBeUndefined();
    expect(await reportCalls(double)).toEqual([]);
  }, 120_000);

  it('names a report it could not delete, keeping what it read', async () => {
    const double = await createDoubleDirectory({ [LIC01]: licenseServerState({ extra: { perUserEntries: ENTRIES.slice(0, 1), reportDeleteFails: true } }) });
    const state = await createLocalProvider(double, pwsh).read({ hosts: [LIC01], gpos: [], parallelism: 1, perUserReport: true });
    expect(state.errors).toEqual([]);
    const server = state.hosts[0]?.licenseServer;
    expect(server?.perUserReport?.entries.map((entry) => entry.user)).toEqual(['CORP\\alice']);
    expect(server?.perUserReportLeftBehind).toBe('rdsctl-double-report-1');
    expect(await reportCalls(double)).toContainEqual(['DeleteReport', 'rdsctl-double-report-1', 2147749889]);
  }, 120_000);
});
