import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { summariseEvents } from './recent-events.js';

describe('RDSL-EVENTS', () => {
  it('summarises recent events per host with the reference meanings, not the seed\'s', () => {
    const host = sessionHost('rdsh01.corp.contoso.com', {
      edit: (sh) =>
        (sh.events = [
          { id: 1128, log: 'System', time: '2026-11-26T08:00:00Z' },
          { id: 1128, log: 'System', time: '2026-11-27T08:00:00Z' },
          { id: 1068, log: 'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin', time: '2026-11-27T09:00:00Z' },
          { id: 1128, log: 'System', time: '2026-10-01T08:00:00Z' },
        ]),
    });
    const server = licenseServer(LIC01, (ls) => {
      ls.activation = { status: 'notActivated' };
      ls.events = [{ id: 4105, log: 'System', time: '2026-11-27T10:00:00Z' }];
    });
    const findings = runRule(summariseEvents, doctorInput(readAsLab([server, host])));
    expect(findings.map((finding) => [finding.key, finding.severity, finding.title, finding.rootCause])).toEqual([
      ['RDSL-EVENTS:rdsh01.corp.contoso.com', 'warning', 'rdsh01.corp.contoso.com: 3 licensing event(s) in the last 7 day(s), ids 1068, 1128', `RDSL-LS-NOT-ACTIVATED:${LIC01}`],
      [`RDSL-EVENTS:${LIC01}`, 'warning', `${LIC01}: 1 licensing event(s) in the last 7 day(s), ids 4105`, `RDSL-EVENTS:${LIC01}`],
    ]);
    expect(findings[0]?.evidence).toEqual([
      { host: 'rdsh01.corp.contoso.com', item: 'event 1068 (last 2026-11-27T09:00:00Z)', value: '×1: the licensing mode is not configured', source: 'event' },
      {
        host: 'rdsh01.corp.contoso.com',
        item: 'event 1128 (last 2026-11-27T08:00:00Z)',
        value: '×2: the grace period has expired and the host is not registered with a licence server that has licences installed',
        source: 'event',
      },
    ]);
    expect(findings.map((finding) => finding.fix.summary)).toEqual([
      'the events confirm a problem; fix the root cause they are grouped under',
      `no other check explains these events; look into them on ${LIC01} (4105: per-user tracking: the licence server cannot update licence attributes of a user in AD (it must be in the Terminal Server License Servers group))`,
    ]);
    expect(findings[1]?.evidence[0]?.value).toBe('×1: per-user tracking: the licence server cannot update licence attributes of a user in AD (it must be in the Terminal Server License Servers group)');
  });
});
