import { describe, expect, it } from 'vitest';
import { LIC01, LIC02, licenseServer, NOW, readAsLab, sessionHost } from '../doctor/fixtures/doctor-estate.js';
import { expandSpec } from '../engine/expand-spec.js';
import { REFUSAL_MESSAGE, simulateConnection, type ConnectionRequest } from './simulate-connection.js';

const alice: ConnectionRequest = { host: 'rdsh01.corp.contoso.com', client: { kind: 'user', name: 'alice' }, now: NOW };
const device: ConnectionRequest = { host: 'rdsh01.corp.contoso.com', client: { kind: 'device', name: 'thin-07' }, now: NOW };

describe('simulateConnection', () => {
  it('issues a CAL from the first server in list order that can, past one that cannot be resolved', () => {
    const live = readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com', { servers: ['lic-old.corp.contoso.com', LIC01] })]);
    const outcome = simulateConnection(live, alice);
    expect(outcome).toMatchObject({ decision: 'issued', server: LIC01, overAllocated: false, viaDiscovery: false, notes: [] });
    if (outcome.decision !== 'issued') throw new Error('not issued');
    expect(outcome.pool).toMatchObject({ type: 'perUser', product: 'windowsServer2022', issued: 40, total: 100 });
    expect(outcome.attempts).toEqual([
      { server: 'lic-old.corp.contoso.com', outcome: 'cannot issue', detail: 'rdsh01.corp.contoso.com cannot resolve the name lic-old.corp.contoso.com' },
      { server: LIC01, outcome: 'issues' },
    ]);
  });

  it('falls back to AD discovery when the host lists no server', () => {
    const live = readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com', { servers: [] })]);
    expect(simulateConnection(live, alice)).toMatchObject({ decision: 'issued', server: LIC01, viaDiscovery: true });
  });

  it('refuses with the exact message once the grace period is over and no server can issue', () => {
    const unactivated = licenseServer(LIC01, (server) => (server.activation = { status: 'notActivated' }));
    const outcome = simulateConnection(readAsLab([unactivated, sessionHost('rdsh01.corp.contoso.com')]), alice);
    expect(outcome).toEqual({
      decision: 'refused',
      host: 'rdsh01.corp.contoso.com',
      message: REFUSAL_MESSAGE,
      attempts: [{ server: LIC01, outcome: 'cannot issue', detail: `${LIC01} is not activated; an unactivated licence server issues only temporary per-device licences` }],
      reasons: ['the grace period has ended (0 days left)', `${LIC01} is not activated; an unactivated licence server issues only temporary per-device licences`],
      notes: [],
    });
    expect(REFUSAL_MESSAGE).toBe('The remote session was disconnected because there are no Remote Desktop client access licenses available for this computer.');
  });

  it('admits the session without a CAL while the grace period runs', () => {
    const unactivated = licenseServer(LIC01, (server) => (server.activation = { status: 'notActivated' }));
    expect(simulateConnection(readAsLab([unactivated, sessionHost('rdsh01.corp.contoso.com', { grace: 20 })]), alice)).toMatchObject({ decision: 'grace', daysLeft: 20 });
  });

  it('over-allocates per-user CALs (not enforced) and says so; gives a new device only its one temporary licence when per-device CALs are gone', () => {
    const full = licenseServer(LIC01, (server) => {
      server.keyPacks[1]!.issued = 100;
      server.keyPacks[2]!.issued = 50;
    });
    const perUser = simulateConnection(readAsLab([full, sessionHost('rdsh01.corp.contoso.com')]), alice);
    expect(perUser).toMatchObject({ decision: 'issued', overAllocated: true });
    expect(perUser.decision === 'issued' && perUser.notes[0]).toMatch(/^Every per-user CAL of this pool is already issued: per-user CALs are not enforced/);
    const perDevice = simulateConnection(readAsLab([full, sessionHost('rdsh01.corp.contoso.com', { mode: 'perDevice' })]), device);
    expect(perDevice).toMatchObject({ decision: 'temporary', firstTime: true, server: LIC01, expiresAt: new Date(Date.parse(NOW) + 90 * 86_400_000).toISOString() });

    const used = licenseServer(LIC01, (server) => {
      server.keyPacks[1]!.issued = 100;
      server.keyPacks[2]!.issued = 50;
      server.issuedLicenses = [{ keyPackId: 9, licenseId: 1, issuedToComputer: 'THIN-07', issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2026-04-01T00:00:00Z', status: 'temporary' }];
    });
    const expired = simulateConnection(readAsLab([used, sessionHost('rdsh01.corp.contoso.com', { mode: 'perDevice' })]), device);
    expect(expired).toMatchObject({ decision: 'refused' });
    expect(expired.decision === 'refused' && expired.reasons.at(-1)).toBe(`thin-07's temporary per-device licence from ${LIC01} expired on 2026-04-01T00:00:00Z, and a device gets only one (event 1011)`);
  });

  it('follows per-user tracking: a server outside the Terminal Server License Servers group cannot record the CAL in AD', () => {
    const outside = licenseServer(LIC01, (server) => (server.discovery.inLicenseServersGroup = false));
    const outcome = simulateConnection(readAsLab([outside, sessionHost('rdsh01.corp.contoso.com')]), alice);
    expect(outcome.decision === 'issued' && outcome.notes).toEqual([`${LIC01} is not in the Terminal Server License Servers group: it cannot record this per-user CAL in AD (event 4105).`]);
  });

  it('refuses per-user licensing on a workgroup pool', () => {
    const live = readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com')]);
    const desired = expandSpec({
      spec: {
        apiVersion: 'rdsctl/v1',
        deployment: 'x',
        connection: { provider: 'lab' },
        sessionHostPools: [{ name: 'edge', hosts: ['rdsh01.corp.contoso.com'], configuredBy: 'local', workgroup: true, licensingMode: 'perDevice', licenseServers: [LIC01] }],
      },
    });
    const outcome = simulateConnection(live, alice, desired);
    expect(outcome).toMatchObject({ decision: 'refused' });
    expect(outcome.decision === 'refused' && outcome.reasons[1]).toBe('rdsh01.corp.contoso.com is in a workgroup, where per-user CALs cannot be tracked');
  });

  it('needs no CAL without the RD Session Host role, and cannot connect when TermService is stopped', () => {
    const admin = sessionHost('rdsh01.corp.contoso.com', { edit: (sh) => (sh.roleInstalled = false) });
    expect(simulateConnection(readAsLab([admin]), alice)).toMatchObject({ decision: 'noCalNeeded' });
    const stopped = sessionHost('rdsh01.corp.contoso.com', { edit: (sh) => (sh.termService = { state: 'stopped' }) });
    expect(simulateConnection(readAsLab([stopped]), alice)).toEqual({
      decision: 'unavailable',
      host: 'rdsh01.corp.contoso.com',
      reason: 'the Remote Desktop Services service (TermService) on rdsh01.corp.contoso.com is stopped',
    });
    expect(simulateConnection(readAsLab([licenseServer(LIC02)]), alice)).toMatchObject({ decision: 'unavailable', reason: 'rdsh01.corp.contoso.com is not in the lab estate' });
  });
});
