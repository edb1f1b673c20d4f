import { describe, expect, it } from 'vitest';
import type { LiveKeyPack, LiveLicenseServer } from '../model/live-state.js';
import { assessCalSupply } from './assess-cal-supply.js';
import { LIC01, licenseServer, NOW } from './fixtures/doctor-estate.js';

const server = (packs: LiveKeyPack[], edit: (ls: LiveLicenseServer) => void = () => undefined): LiveLicenseServer => {
  const ls = licenseServer(LIC01).licenseServer!;
  ls.keyPacks = packs;
  edit(ls);
  return ls;
};
const pack = (fields: Partial<LiveKeyPack>): LiveKeyPack => ({ keyPackId: 3, productVersionId: 7, product: 'windowsServer2022', type: 'perUser', channel: 'volume', total: 10, issued: 0, available: 10, ...fields });

describe('assessCalSupply', () => {
  it('applies the rules in Windows order: activation, packs, type, version, availability', () => {
    const assess = (ls: LiveLicenseServer, mode: 'perUser' | 'perDevice' = 'perUser') => assessCalSupply({ serverName: LIC01, server: ls, mode, hostOs: 'windowsServer2022', now: NOW });
    expect(assess(server([], (ls) => (ls.activation = { status: 'notActivated' })))).toMatchObject({ state: 'blocked', id: 'RDSL-LS-NOT-ACTIVATED' });
    expect(assess(server([pack({ type: 'builtIn', channel: 'builtIn' })]))).toMatchObject({ state: 'blocked', id: 'RDSL-NO-KEYPACKS' });
    expect(assess(server([pack({})]), 'perDevice')).toMatchObject({ state: 'blocked', id: 'RDSL-CAL-TYPE-MISMATCH' });
    expect(assess(server([pack({ product: 'windowsServer2019', productVersionId: 6 })]))).toMatchObject({ state: 'blocked', id: 'RDSL-CAL-VERSION-OLD' });
    expect(assess(server([pack({ type: 'perDevice', issued: 10, available: 0 })]), 'perDevice')).toMatchObject({ state: 'blocked', id: 'RDSL-CALS-EXHAUSTED' });
    expect(assess(server([pack({ issued: 12, available: 0 })]))).toMatchObject({ state: 'ok', overAllocated: true });
    expect(assess(server([pack({ product: 'windowsServer2019', productVersionId: 6 }), pack({ keyPackId: 5, issued: 1 })]))).toMatchObject({ state: 'ok', pool: { productVersionId: 7, free: 9 } });
  });

  it('cannot judge a server whose data the caller may not read', () => {
    expect(assessCalSupply({ serverName: LIC01, server: server([], (ls) => (ls.accessDenied = true)), mode: 'perUser', now: NOW })).toMatchObject({ state: 'unknown' });
  });
});
