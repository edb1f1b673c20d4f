import { describe, expect, test } from 'vitest';
import type { Change, PendingRefresh } from '../model/change.js';
import { groupChanges, groupPendingRefreshes } from './group-changes.js';

function hostChange(host: string, overrides: Partial<Change> = {}): Change {
  return {
    address: `sessionHost[${host}]`,
    resource: 'sessionHost',
    action: 'update',
    target: { kind: 'host', host },
    attributes: [{ name: 'licensingMode', before: 'perUser', after: 'perDevice' }],
    operations: [{ kind: 'setLicensingMode', mode: 'perDevice' }],
    dependsOn: [],
    pool: 'kiosks',
    ...overrides,
  };
}

const addressesOf = (changes: readonly Change[]): string[] => changes.map((change) => change.address);

describe('groupChanges', () => {
  test('groups identical changes of a pool and lists their hosts in plan order', () => {
    const groups = groupChanges([hostChange('kiosk02.corp.contoso.com'), hostChange('KIOSK01.corp.contoso.com')]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.hosts).toEqual(['kiosk02.corp.contoso.com', 'kiosk01.corp.contoso.com']);
  });

  test.each([
    ['another pool', { pool: 'finance' }],
    ['another action', { action: 'create' as const }],
    ['another resource kind', { resource: 'sessionHost.termService' as const }],
    ['another before value', { attributes: [{ name: 'licensingMode', before: 'notConfigured', after: 'perDevice' }] }],
    ['another list order', { attributes: [{ name: 'licensingMode', before: ['a', 'b'], after: ['b', 'a'] }] }],
    ['another reason', { reason: 'mode differs' }],
    ['a refusal', { refused: { rule: 'modeChangeWithActiveSessions' as const, policyKey: 'policy.allow.modeChangeWithActiveSessions', message: 'users are signed in' } }],
  ])('keeps a change with %s apart', (_case, overrides) => {
    const groups = groupChanges([hostChange('kiosk01.corp.contoso.com'), hostChange('kiosk02.corp.contoso.com', overrides)]);
    expect(groups.map((group) => addressesOf(group.changes))).toEqual([['sessionHost[kiosk01.corp.contoso.com]'], ['sessionHost[kiosk02.corp.contoso.com]']]);
  });

  test('never groups changes outside a pool', () => {
    const groups = groupChanges([hostChange('a.corp.contoso.com', { pool: undefined }), hostChange('b.corp.contoso.com', { pool: undefined })]);
    expect(groups).toHaveLength(2);
  });

  test('places a group where its first change is, keeping the other changes in order', () => {
    const firewall = hostChange('lic01.corp.contoso.com', { address: 'licenseServer[lic01.corp.contoso.com].firewall', resource: 'licenseServer.firewall', pool: undefined });
    const groups = groupChanges([hostChange('kiosk01.corp.contoso.com'), firewall, hostChange('kiosk02.corp.contoso.com')]);
    expect(groups.map((group) => addressesOf(group.changes))).toEqual([
      ['sessionHost[kiosk01.corp.contoso.com]', 'sessionHost[kiosk02.corp.contoso.com]'],
      ['licenseServer[lic01.corp.contoso.com].firewall'],
    ]);
  });
});

describe('groupPendingRefreshes', () => {
  const pending = (host: string, gpo: string, after: string[]): PendingRefresh => ({
    address: `sessionHost[${host}]`,
    host,
    gpo,
    pool: 'finance',
    attributes: [{ name: 'licenseServers', before: ['lic02', 'lic01'], after }],
  });

  test('groups hosts waiting for the same values from the same GPO', () => {
    const groups = groupPendingRefreshes([
      pending('rdsh01', 'Finance', ['lic01', 'lic02']),
      pending('rdsh02', 'Finance', ['lic01', 'lic02']),
      pending('rdsh03', 'Other', ['lic01', 'lic02']),
      pending('rdsh04', 'Finance', ['lic01']),
    ]);
    expect(groups.map((group) => group.hosts)).toEqual([['rdsh01', 'rdsh02'], ['rdsh03'], ['rdsh04']]);
  });
});
