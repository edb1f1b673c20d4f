import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCTOR_POLICY } from '../doctor-input.js';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkGraceReset } from './grace-reset.js';

describe('RDSL-GRACE-RESET-SUSPECTED', () => {
  it('flags grace-expired events followed by days left, more days than the period has, and days that went up', () => {
    const live = readAsLab([
      licenseServer(LIC01),
      sessionHost('rdsh01.corp.contoso.com', { grace: 118, edit: (host) => (host.events = [{ id: 1128, log: 'System', time: '2026-11-25T08:00:00Z' }]) }),
      sessionHost('rdsh02.corp.contoso.com', { grace: 130 }),
      sessionHost('rdsh03.corp.contoso.com', { grace: 100 }),
      sessionHost('rdsh04.corp.contoso.com', { grace: 60 }),
    ]);
    const history = [{ time: '2026-11-20T12:00:00.000Z', pools: {}, grace: { 'rdsh03.corp.contoso.com': 20, 'rdsh04.corp.contoso.com': 67 } }];
    const [finding, ...rest] = runRule(checkGraceReset, doctorInput(live, { history }));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning', title: '3 session host(s) show signs of a grace-period reset', hosts: ['rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com', 'rdsh03.corp.contoso.com'] });
    expect(finding?.evidence).toEqual([
      { host: 'rdsh01.corp.contoso.com', item: 'event 1128 at 2026-11-25T08:00:00Z', value: 'grace period expired', source: 'event' },
      { host: 'rdsh01.corp.contoso.com', item: 'GetGracePeriodDays now', value: 118, source: 'wmi' },
      { host: 'rdsh02.corp.contoso.com', item: 'GetGracePeriodDays', value: 130, source: 'wmi' },
      { host: 'rdsh03.corp.contoso.com', item: 'GetGracePeriodDays on 2026-11-20', value: 20, source: 'history' },
      { host: 'rdsh03.corp.contoso.com', item: 'GetGracePeriodDays now', value: 100, source: 'wmi' },
    ]);
  });

  it('is informational when the spec allows grace-period resets', () => {
    const live = readAsLab([sessionHost('rdsh02.corp.contoso.com', { grace: 130 })]);
    const [finding] = runRule(checkGraceReset, doctorInput(live, { policy: { ...DEFAULT_DOCTOR_POLICY, allowGracePeriodReset: true } }));
    expect(finding?.severity).toBe('info');
  });

  it('ignores old events and hosts still at 0 days', () => {
    const live = readAsLab([sessionHost('rdsh01.corp.contoso.com', { grace: 90, edit: (host) => (host.events = [{ id: 1128, log: 'System', time: '2026-10-01T08:00:00Z' }]) })]);
    expect(runRule(checkGraceReset, doctorInput(live))).toEqual([]);
  });
});
