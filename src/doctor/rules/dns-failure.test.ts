import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInput, doctorInputWithSpec, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkNameResolution } from './dns-failure.js';

describe('RDSL-DNS-FAILURE', () => {
  it('reports a licence server the hosts cannot resolve, with the manual DNS fix and the stopgap', () => {
    const unresolvable = licenseServer(LIC01, (_server, host) => (host.lab = { resolvable: false }));
    const live = readAsLab([unresolvable, sessionHost('rdsh01.corp.contoso.com')]);
    const [finding, ...rest] = runRule(checkNameResolution, doctorInputWithSpec(live, basicSpec()));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ key: `RDSL-DNS-FAILURE:${LIC01}`, severity: 'error', title: `session hosts cannot resolve ${LIC01}`, hosts: [LIC01, 'rdsh01.corp.contoso.com'] });
    expect(finding?.evidence).toContainEqual({ host: 'rdsh01.corp.contoso.com', item: `resolve ${LIC01}`, value: 'no answer', source: 'probe' });
    expect(finding?.fix).toEqual({
      kind: 'manual',
      summary: `fix the DNS record of ${LIC01}: nslookup ${LIC01} on a session host must return its address (10.0.0.11)`,
      steps: [
        'Check the A record in the DNS zone and that the session hosts use the right DNS servers.',
        `As a stopgap only, add a hosts-file entry on the session hosts (C:\\Windows\\System32\\drivers\\etc\\hosts): 10.0.0.11 ${LIC01}.`,
      ],
    });
  });

  it('treats a name nobody knows as a decommissioned entry to remove from the list', () => {
    const live = readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com', { servers: ['lic-old.corp.contoso.com', LIC01] })]);
    const [finding] = runRule(checkNameResolution, doctorInputWithSpec(live, basicSpec()));
    expect(finding).toMatchObject({ key: 'RDSL-DNS-FAILURE:lic-old.corp.contoso.com', severity: 'warning' });
    expect(finding?.cause).toMatch(/it may be decommissioned while still listed\. 1 session host tries it; it fails over to another licence server\.$/);
    expect(finding?.fix).toMatchObject({ kind: 'apply', addresses: ['sessionHost[rdsh01.corp.contoso.com]'] });
    expect(runRule(checkNameResolution, doctorInput(live))[0]?.fix.summary).toBe('remove lic-old.corp.contoso.com from the hosts\' licence-server list if it was decommissioned, or fix its DNS record');
  });
});
