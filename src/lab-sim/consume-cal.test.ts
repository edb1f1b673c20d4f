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
