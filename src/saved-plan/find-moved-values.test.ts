/**
 * What makes a saved plan stale, row by row of the table in docs/saved-plans.md: each change
 * kind goes stale when a value it was computed from moves, and for nothing else.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../engine/build-plan.js';
import type { ChangeBasis } from '../engine/change-basis.js';
import { changeBases } from '../engine/fingerprint.js';
import type { LiveState } from '../model/live-state.js';
import { GPO, GPO_HOST, LOCAL_HOST, LS, desiredModel, hostIn, liveState } from '../../test/fixtures/engine-fixtures.js';
import { describeMovedValue, findMovedValues } from './find-moved-values.js';

const server = (state: LiveState) => hostIn(state, LS).licenseServer!;
const kiosk = (state: LiveState) => hostIn(state, LOCAL_HOST).sessionHost!;
const gpo = (state: LiveState) => state.gpos.find((candidate) => candidate.name === GPO)!;
const pack = (state: LiveState, keyPackId: number) => server(state).keyPacks.find((candidate) => candidate.keyPackId === keyPackId)!;

/** An estate with one change of each kind (firewall, service, a key-pack install, a refused removal, a host's mode, a GPO's mode) and a host pending the GPO. */
function drifted(state: LiveState): void {
  server(state).firewall.ruleGroup = 'disabled';
  server(state).service.state = 'stopped';
  pack(state, 2).total = 80;
  pack(state, 3).total = 30;
  kiosk(state).licensingMode = { local: 'perUser', policy: null, effective: 'perUser', source: 'local' };
  gpo(state).licensingMode = 'perDevice';
  hostIn(state, GPO_HOST).sessionHost!.licensingMode = { local: 'notConfigured', policy: 'perDevice', effective: 'perDevice', source: 'policy' };
  hostIn(state, GPO_HOST).sessionHost!.activeSessions = 0;
}

function staleness(moveBehindThePlan: (state: LiveState) => void): string[] {
  const planned = liveState(drifted);
  const plan = buildPlan({ desired: desiredModel(), live: planned, provider: 'lab', targets: [] });
  const basis = JSON.parse(JSON.stringify(changeBases(plan.changes, planned))) as Record<string, ChangeBasis>;
  const fresh = liveState((state) => {
    drifted(state);
    moveBehindThePlan(state);
  });
  return findMovedValues({ plan, basis }, fresh).map(describeMovedValue);
}

const KEY_PACK = `licenseServer[${LS}].keyPack[ea-user]`;

it('the drifted estate plans one change of each kind, the key-pack removal refused', () => {
  const plan = buildPlan({ desired: desiredModel(), live: liveState(drifted), provider: 'lab', targets: [] });
  expect(plan.changes.map((change) => `${change.address}${change.refused ? ' (refused)' : ''}`).sort()).toEqual([
    `gpo[${GPO}]`,
    `licenseServer[${LS}].firewall`,
    `licenseServer[${LS}].keyPack[ea-device] (refused)`,
    KEY_PACK,
    `licenseServer[${LS}].service`,
    `sessionHost[${LOCAL_HOST}]`,
  ]);
  expect(plan.pending.map((pending) => pending.host)).toEqual([GPO_HOST]);
});

describe('a saved plan goes stale', () => {
  it.each<[string, (state: LiveState) => void, string[]]>([
    ['a key-pack install, when the installed total of its (product, type, channel) moved', (s) => void (pack(s, 2).total = 100),
      [`stale plan: ${KEY_PACK}: licenseServer.installedLicences[windowsServer2022 perUser volume] 80 → 100 since the plan was made`]],
    ['a key-pack install, when a new pack of its group appeared', (s) => void server(s).keyPacks.push({ keyPackId: 9, productVersionId: 7, product: 'windowsServer2022', type: 'perUser', channel: 'volume', total: 5, issued: 0, available: 5 }),
      [`stale plan: ${KEY_PACK}: licenseServer.installedLicences[windowsServer2022 perUser volume] 80 → 85 since the plan was made`]],
    ['a mode change, when the local value moved', (s) => void (kiosk(s).licensingMode = { local: 'perDevice', policy: null, effective: 'perDevice', source: 'local' }),
      [`stale plan: sessionHost[${LOCAL_HOST}]: sessionHost.licensingMode.effective perUser → perDevice since the plan was made`, `stale plan: sessionHost[${LOCAL_HOST}]: sessionHost.licensingMode.local perUser → perDevice since the plan was made`]],
    ['a mode change, when a policy value arrived and took effect', (s) => void (kiosk(s).licensingMode = { local: 'perUser', policy: 'perDevice', effective: 'perDevice', source: 'policy' }),
      [`stale plan: sessionHost[${LOCAL_HOST}]: sessionHost.licensingMode.effective perUser → perDevice since the plan was made`, `stale plan: sessionHost[${LOCAL_HOST}]: sessionHost.licensingMode.policy null → perDevice since the plan was made`, `stale plan: sessionHost[${LOCAL_HOST}]: sessionHost.licensingMode.source local → policy since the plan was made`]],
    ['a mode change, when the host\'s server list moved', (s) => void (kiosk(s).licenseServers = { local: [LS], policy: null, effective: [LS], source: 'local' }),
      [`stale plan: sessionHost[${LOCAL_HOST}]: sessionHost.licenseServers.effective ["lic01.corp.contoso.com","lic02.corp.contoso.com"] → ["lic01.corp.contoso.com"] since the plan was made`, `stale plan: sessionHost[${LOCAL_HOST}]: sessionHost.licenseServers.local ["lic01.corp.contoso.com","lic02.corp.contoso.com"] → ["lic01.corp.contoso.com"] since the plan was made`]],
    ['a GPO change, when the GPO\'s values moved', (s) => void (gpo(s).licenseServers = [LS, 'lic02.corp.contoso.com']),
      [`stale plan: gpo[${GPO}]: gpo.licenseServers ["lic01.corp.contoso.com"] → ["lic01.corp.contoso.com","lic02.corp.contoso.com"] since the plan was made`]],
    ['a GPO change, when its links moved', (s) => void (gpo(s).links = []),
      [`stale plan: gpo[${GPO}]: gpo.links ["OU=Finance,DC=corp,DC=contoso,DC=com"] → [] since the plan was made`]],
    ['a firewall change, when the rule group moved', (s) => void (server(s).firewall.ruleGroup = 'partial'),
      [`stale plan: licenseServer[${LS}].firewall: licenseServer.firewall.ruleGroup disabled → partial since the plan was made`]],
    ['a service change, when the service state moved', (s) => void (server(s).service.state = 'running'),
      [`stale plan: licenseServer[${LS}].service: licenseServer.service.state stopped → running since the plan was made`]],
  ])('%s', (_row, move, expected) => {
    expect(staleness(move)).toEqual(expected);
  });
});

describe('a saved plan stays fresh', () => {
  it.each<[string, (state: LiveState) => void]>([
    ['when issued and available counts move (they move at every logon)', (s) => {
      pack(s, 2).issued = 79;
      pack(s, 2).available = 1;
    }],
    ['when probes, connectivity verdicts and events move', (s) => {
      kiosk(s).probes = { [LS]: { resolves: false, rpcPort135: false } };
      kiosk(s).connectivity = { [LS]: { code: 3, status: 'LS_NOT_CONNECTABLE', healthy: false } };
      kiosk(s).events = [{ id: 1130, log: 'System', time: '2026-12-02T10:00:00Z' }];
      server(s).events = [{ id: 4105, log: 'System', time: '2026-12-02T10:00:00Z' }];
    }],
    ['when a pending host reports new values', (s) => {
      const pending = hostIn(s, GPO_HOST).sessionHost!;
      pending.licensingMode = { local: 'notConfigured', policy: 'perUser', effective: 'perUser', source: 'policy' };
    }],
    ['when what a refused change was computed from moves', (s) => void (pack(s, 3).total = 40)],
    ['when a resource the plan does not touch drifts', (s) => {
      server(s).activation.status = 'notActivated';
      kiosk(s).graceDaysLeft = 3;
      kiosk(s).activeSessions = 7;
    }],
  ])('%s', (_row, move) => {
    expect(staleness(move)).toEqual([]);
  });
});

describe('a saved revocation of an issued licence', () => {
  const desired = desiredModel({ reclaim: { retiredDevices: ['kiosk-old-*'], disabledInDirectory: false }, policy: { ...desiredModel().policy, allow: { ...desiredModel().policy.allow, calRevocation: true } } });
  const withLicences = (state: LiveState): void => {
    state.readAt = '2026-12-01T10:00:00.000Z';
    server(state).issuedLicenses = [
      { keyPackId: 3, licenseId: 1, issuedToComputer: 'KIOSK-OLD-01', expiresAt: '2027-01-20T08:00:00.000Z', status: 'active' },
      { keyPackId: 3, licenseId: 2, issuedToComputer: 'THIN-07', expiresAt: '2027-01-20T08:00:00.000Z', status: 'active' },
    ];
  };
  const revocationStaleness = (move: (state: LiveState) => void): string[] => {
    const planned = liveState(withLicences);
    const plan = buildPlan({ desired, live: planned, provider: 'lab', targets: [] });
    expect(plan.changes.map((change) => change.address)).toEqual([`licenseServer[${LS}].issuedLicense[3-1]`]);
    const basis = JSON.parse(JSON.stringify(changeBases(plan.changes, planned))) as Record<string, ChangeBasis>;
    const fresh = liveState((state) => {
      withLicences(state);
      move(state);
    });
    return findMovedValues({ plan, basis }, fresh).map((moved) => `${moved.addresses.join(', ')}: ${moved.property}`);
  };

  it('goes stale when that licence record moves (another holder, or revoked already)', () => {
    expect(revocationStaleness((s) => void (server(s).issuedLicenses![0]!.issuedToComputer = 'NEW-DEVICE'))).toEqual([`licenseServer[${LS}].issuedLicense[3-1]: licenseServer.issuedLicense.issuedToComputer`]);
    expect(revocationStaleness((s) => void (server(s).issuedLicenses![0]!.status = 'revoked'))).toEqual([`licenseServer[${LS}].issuedLicense[3-1]: licenseServer.issuedLicense.status`]);
  });

  it('stays fresh when other licences or the pack counts move', () => {
    expect(
      revocationStaleness((s) => {
        server(s).issuedLicenses![1]!.status = 'revoked';
        pack(s, 3).issued = 4;
      }),
    ).toEqual([]);
  });
});
