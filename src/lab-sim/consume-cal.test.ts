import { describe, expect, it } from 'vitest';
import { listCalPools } from '../doctor/cal-pools.js';
import { LIC01, licenseServer, NOW } from '../doctor/fixtures/doctor-estate.js';
import { consumeCal } from './consume-cal.js';

describe('consumeCal', () => {
  it('issues one more CAL from the pool, leaving the other packs and the original host untouched', () => {
    const server = licenseServer(LIC01);
    const pool = listCalPools(LIC01, server.licenseServer!, NOW).find((entry) => entry.type === 'perDevice')!;
    const consumed = consumeCal(server, pool);
    expect(consumed).toMatchObject({ keyPackId: 4, issued: 11, total: 50 });
    expect(consumed?.host.licenseServer?.keyPacks.map((pack) => [pack.keyPackId, pack.issued, pack.available])).toEqual([
      [2, 0, 4294967295],
      [3, 40, 60],
      [4, 11, 39],
    ]);
    expect(server.licenseServer?.keyPacks[2]?.issued).toBe(10);
  });

  it('never issues a per-device CAL beyond the total, but over-allocates per-user CALs', () => {
    const full = licenseServer(LIC01, (ls) => {
      ls.keyPacks[1]!.issued = 100;
      ls.keyPacks[2]!.issued = 50;
    });
    const pools = listCalPools(LIC01, full.licenseServer!, NOW);
    expect(consumeCal(full, pools.find((pool) => pool.type === 'perDevice')!)).toBeUndefined();
    expect(consumeCal(full, pools.find((pool) => pool.type === 'perUser')!)).toMatchObject({ keyPackId: 3, issued: 101, total: 100 });
  });
});

describe('consumeCal holders', () => {
  const now = '2026-03-01T00:00:00.000Z';

  it('records a per-device CAL on its device with both keys and a 52–89 day lifetime; the same device again consumes nothing', () => {
    const server = licenseServer(LIC01);
    const pool = listCalPools(LIC01, server.licenseServer!, NOW).find((entry) => entry.type === 'perDevice')!;
    const first = consumeCal(server, pool, { kind: 'device', name: 'thin-07', now })!;
    expect(first).toMatchObject({ keyPackId: 4, issued: 11, alreadyHeld: false, licenseId: 1 });
    const record = first.host.licenseServer!.issuedLicenses![0]!;
    expect(record).toMatchObject({ keyPackId: 4, licenseId: 1, issuedToComputer: 'thin-07', issuedAt: now, status: 'active' });
    const days = (Date.parse(record.expiresAt!) - Date.parse(now)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(52);
    expect(days).toBeLessThanOrEqual(89);
    const again = consumeCal(first.host, pool, { kind: 'device', name: 'THIN-07', now })!;
    expect(again).toMatchObject({ keyPackId: 4, issued: 11, alreadyHeld: true, licenseId: 1 });
    expect(again.host).toBe(first.host);
    const other = consumeCal(first.host, pool, { kind: 'device', name: 'thin-08', now })!;
    expect(other).toMatchObject({ issued: 12, alreadyHeld: false, licenseId: 2 });
  });

  it('a per-user CAL is held by its user: a second connection by the same user consumes nothing; an expired one is issued anew', () => {
    const server = licenseServer(LIC01);
    const pool = listCalPools(LIC01, server.licenseServer!, NOW).find((entry) => entry.type === 'perUser')!;
    const first = consumeCal(server, pool, { kind: 'user', name: 'alice', now })!;
    expect(first).toMatchObject({ keyPackId: 3, issued: 41, alreadyHeld: false });
    expect(first.host.licenseServer!.perUserReport!.entries).toEqual([
      { user: 'alice', product: 'windowsServer2022', productVersionId: pool.productVersionId, expiresAt: '2026-04-30T00:00:00.000Z' },
    ]);
    expect(consumeCal(first.host, pool, { kind: 'user', name: 'Alice', now })).toMatchObject({ issued: 41, alreadyHeld: true });
    expect(consumeCal(first.host, pool, { kind: 'user', name: 'alice', now: '2026-05-01T00:00:00.000Z' })).toMatchObject({ issued: 42, alreadyHeld: false });
  });

  it('reissues a full per-device pack\'s expired CAL to a new device, keeping the issued count', () => {
    const full = licenseServer(LIC01, (ls) => {
      ls.keyPacks[2]!.issued = 50;
      ls.issuedLicenses = [
        { keyPackId: 4, licenseId: 1, issuedToComputer: 'old-01', expiresAt: '2026-02-01T00:00:00.000Z', status: 'active' },
        { keyPackId: 4, licenseId: 2, issuedToComputer: 'old-02', expiresAt: '2026-04-01T00:00:00.000Z', status: 'active' },
      ];
    });
    const pool = listCalPools(LIC01, full.licenseServer!, now).find((entry) => entry.type === 'perDevice')!;
    expect(pool).toMatchObject({ issued: 50, expired: 1, free: 1 });
    const consumed = consumeCal(full, pool, { kind: 'device', name: 'thin-09', now })!;
    expect(consumed).toMatchObject({ keyPackId: 4, issued: 50, total: 50, alreadyHeld: false });
    expect(consumed.host.licenseServer!.issuedLicenses!.map((entry) => entry.issuedToComputer)).toEqual(['old-02', 'thin-09']);
    expect(consumeCal(consumed.host, pool, { kind: 'device', name: 'thin-10', now })).toBeUndefined();
  });
});
