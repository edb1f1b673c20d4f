import { describe, expect, it } from 'vitest';
import type { LiveState } from '../model/live-state.js';
import type { Provider, ReadRequest } from '../providers/provider.js';
import { LIC01, LIC02, licenseServer, sessionHost } from './fixtures/doctor-estate.js';
import { gatherDoctorState, listUnreadServers } from './gather-doctor-state.js';

function provider(hosts = [licenseServer(LIC01), licenseServer(LIC02), sessionHost('rdsh01.corp.contoso.com', { servers: ['LIC01', LIC02, 'lic-old.corp.contoso.com'] })]) {
  const requests: ReadRequest[] = [];
  const fake: Provider = {
    name: 'fake',
    async read(request) {
      requests.push(request);
      const found = hosts.filter((host) => request.hosts.some((name) => name.toLowerCase() === host.host || host.host.startsWith(`${name.toLowerCase()}.`)));
      const missing = request.hosts.filter((name) => !found.some((host) => host.host === name.toLowerCase() || host.host.startsWith(`${name.toLowerCase()}.`)));
      return { formatVersion: 1, hosts: found, gpos: [], errors: missing.map((host) => ({ host, code: 'NOT_FOUND' as const, message: `${host}: not found` })) };
    },
    apply: async () => ({ ok: true, results: [] }),
  };
  return { fake, requests };
}

describe('gatherDoctorState', () => {
  it('reads the licence servers a session host lists in a second round, once each', async () => {
    const { fake, requests } = provider();
    const state = await gatherDoctorState(fake, { hosts: ['rdsh01.corp.contoso.com', LIC02], gpos: [], parallelism: 4 });
    expect(requests.map((request) => request.hosts)).toEqual([['rdsh01.corp.contoso.com', LIC02], ['LIC01', 'lic-old.corp.contoso.com']]);
    expect(state.hosts.map((host) => host.host)).toEqual([LIC02, 'rdsh01.corp.contoso.com', LIC01]);
    expect(state.errors.map((error) => error.host)).toEqual(['lic-old.corp.contoso.com']);
  });

  it('needs no second round when every listed server was read', async () => {
    const { fake, requests } = provider([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com')]);
    await gatherDoctorState(fake, { hosts: ['rdsh01.corp.contoso.com', LIC01], gpos: [], parallelism: 1 });
    expect(requests).toHaveLength(1);
  });

  it('matches listed names by short name and address', () => {
    const state: LiveState = { formatVersion: 1, hosts: [licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com', { servers: ['lic01', '10.0.0.11', '10.9.9.9'] })], gpos: [], errors: [] };
    expect(listUnreadServers(state, [])).toEqual(['10.9.9.9']);
  });
});

describe('listUnreadServers', () => {
  it('asks once for a server listed by short name on one host and by FQDN on another', () => {
    const state: LiveState = {
      formatVersion: 1,
      hosts: [sessionHost('kiosk01.corp.contoso.com', { servers: ['LIC02'] }), sessionHost('kiosk03.corp.contoso.com', { servers: [LIC02] })],
      gpos: [],
      errors: [],
    };
    expect(listUnreadServers(state, [])).toEqual([LIC02]);
  });
});
