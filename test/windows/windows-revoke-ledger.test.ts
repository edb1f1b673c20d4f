/**
 * Revocations in the licence server's install ledger, against the Windows double: each Revoke is
 * recorded (revokeStarted with the runner's intent, revokeFinished after), and one killed in
 * flight is seen by the next runner's read, reported under the audit log's id, and settled there
 * (revokeObserved) so no later runner reports it again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { ChangeIntent } from '../../src/model/change-intent.js';
import type { Operation } from '../../src/model/operation.js';
import { createLocalProvider } from './local-provider.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, keyPack, licenseServerState, type DoubleDirectory } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const LIC02 = 'lic02.corp.contoso.com';
const VALID = '2099-01-20T08:00:00Z';

function issued(licenseId: number, computer: string) {
  return { KeyPackId: 4, LicenseId: licenseId, sIssuedToComputer: computer, LicenseStatus: 2, IssueDate: '2026-10-01T08:00:00Z', ExpirationDate: VALID };
}

const server = (extra: Record<string, unknown> = {}) =>
  licenseServerState({ keyPacks: [keyPack({ id: 4, productType: 0, total: 10, issued: 10 })], extra: { issuedLicenses: [issued(1, 'KIOSK-OLD-01'), issued(2, 'KIOSK-OLD-02'), issued(3, 'KIOSK-OLD-03')], ...extra } });

const revoke = (licenseId: number, issuedToComputer: string): Operation => ({ kind: 'revokeLicense', keyPackId: 4, licenseId, issuedToComputer });

const intentFor = (host: string, licenseId: number): ChangeIntent => ({
  id: `0d6c2f4e-7a1b-4c55-9d0e-00000000000${licenseId}`,
  time: '2026-12-04T01:40:00.000Z',
  address: `licenseServer[${host}].issuedLicense[4-${licenseId}]`,
  user: 'alice',
  machine: 'runner-a',
  ciRunId: 'github:99',
  planDigest: 'sha256:feed',
});

describeWindows('windows-apply', ({ pwsh }) => {
  let double: DoubleDirectory;
  const ledger = (host: string): Record<string, unknown>[] =>
    readFileSync(path.join(double.path, 'programdata', host, 'rdsctl', 'install-ledger.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    // lic02 answers every change slowly: a revocation still in flight when the run is killed.
    double = await createDoubleDirectory({ [LIC01]: server(), [LIC02]: server({ saveDelaySeconds: 120 }) });
  }, 180_000);

  it('records each revocation before and after the Revoke call, with the runner intent, and a refused one as failed', async () => {
    const provider = createLocalProvider(double, pwsh);
    const apply = (licenseId: number) =>
      provider.apply({ target: { kind: 'host', host: LIC01 }, operations: [revoke(licenseId, `KIOSK-OLD-0${licenseId}`)], resolveSecret: async () => '', intent: intentFor(LIC01, licenseId) });
    expect((await apply(1)).ok).toBe(true);
    expect((await apply(2)).ok).toBe(true);
    expect((await apply(3)).error?.code).toBe('REVOKE_LIMIT');
    const entries = ledger(LIC01);
    expect(entries.map((entry) => [entry.kind, entry.licenseId ?? entry.outcome])).toEqual([
      ['revokeStarted', 1],
      ['revokeFinished', 'revoked'],
      ['revokeStarted', 2],
      ['revokeFinished', 'revoked'],
      ['revokeStarted', 3],
      ['revokeFinished', 'failed'],
    ]);
    expect(entries[0]).toMatchObject({ keyPackId: 4, licenseId: 1, issuedToComputer: 'KIOSK-OLD-01', intent: { ...intentFor(LIC01, 1) } });
    expect(entries[1]).toEqual({ id: expect.any(String), kind: 'revokeFinished', at: expect.stringMatching(/Z$/), revokeId: entries[0]?.id, outcome: 'revoked' });
    expect(entries[5]).toMatchObject({ revokeId: entries[4]?.id, outcome: 'failed', reason: expect.stringContaining('the revoke limit for these per-device CALs is used up') });
    const live = await provider.read({ hosts: [LIC01], gpos: [], parallelism: 1 });
    expect(live.hosts[0]?.licenseServer?.installLedger).toBeUndefined();
  }, 180_000);

  it('a revocation killed in flight is reported by the next runner under its audit id, then settled in the ledger', async () => {
    // Runner A: the host is killed when the apply times out, after revokeStarted and before Revoke saved.
    const runnerA = createLocalProvider(double, pwsh, { timeoutSeconds: 25 });
    const killed = await runnerA.apply({ target: { kind: 'host', host: LIC02 }, operations: [revoke(1, 'KIOSK-OLD-01')], resolveSecret: async () => '', intent: intentFor(LIC02, 1) });
    expect(killed.ok).toBe(false);
    expect(ledger(LIC02).map((entry) => entry.kind)).toEqual(['revokeStarted']);
    await double.write(LIC02, { ...(await double.state(LIC02)), saveDelaySeconds: 0 });

    // Runner B shares nothing with runner A but the estate.
    const runnerB = createLocalProvider(double, pwsh);
    const live = await runnerB.read({ hosts: [LIC02], gpos: [], parallelism: 1 });
    const revokeId = ledger(LIC02)[0]?.id;
    expect(live.hosts[0]?.licenseServer?.installLedger).toEqual({
      unexplained: [],
      unsettledRevocations: [{ revokeId, intentId: intentFor(LIC02, 1).id, at: '2026-12-04T01:40:00.000Z', address: intentFor(LIC02, 1).address, keyPackId: 4, licenseId: 1, user: 'alice', machine: 'runner-a', ciRunId: 'github:99', planDigest: 'sha256:feed' }],
    });
    const intents = await runnerB.unsettledIntents?.(live);
    expect(intents).toEqual([intentFor(LIC02, 1)]);
    // The licence still reads as issued: the revocation is still to do.
    expect(live.hosts[0]?.licenseServer?.issuedLicenses?.find((license) => license.licenseId === 1)?.status).toBe('active');

    await runnerB.settleIntents?.([{ intent: intents![0]!, observation: 'still to do (status "active" → "revoked"); this apply makes it' }]);
    expect(ledger(LIC02).at(-1)).toMatchObject({ kind: 'revokeObserved', revokeId, licenseStatus: 2, observation: 'still to do (status "active" → "revoked"); this apply makes it' });
    // Settling twice records nothing more.
    await runnerB.settleIntents?.([{ intent: intents![0]!, observation: 'done' }]);
    expect(ledger(LIC02).filter((entry) => entry.kind === 'revokeObserved')).toHaveLength(1);
    const again = await createLocalProvider(double, pwsh).read({ hosts: [LIC02], gpos: [], parallelism: 1 });
    expect(again.hosts[0]?.licenseServer?.installLedger).toBeUndefined();
  }, 240_000);
});
