import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInput, doctorInputWithSpec, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkPerUserOverIssue } from './per-user-over-issued.js';

const overIssued = (issued: number) =>
  licenseServer(LIC01, (server) => {
    server.keyPacks = [
      { keyPackId: 2, productVersionId: 7, product: 'windowsServer2022', type: 'builtIn', channel: 'builtIn', total: 4294967295, issued: 0, available: 4294967295 },
      { keyPackId: 3, productVersionId: 7, product: 'windowsServer2022', type: 'perUser', channel: 'volume', total: 100, issued, available: Math.max(0, 100 - issued) },
    ];
  });

describe('RDSL-PER-USER-OVER-ISSUED', () => {
  it('reports per-user CALs issued beyond the installed ones as a breach, naming the hosts that use them, with the manual fix', () => {
    const live = readAsLab([overIssued(112), sessionHost('rdsh01.corp.contoso.com')]);
    const [finding, ...rest] = runRule(checkPerUserOverIssue, doctorInput(live));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      key: `RDSL-PER-USER-OVER-ISSUED:${LIC01}`,
      severity: 'error',
      title: `${LIC01}: 12 per-user CALs issued beyond the 100 installed`,
      hosts: [LIC01, 'rdsh01.corp.contoso.com'],
      evidence: [{ host: LIC01, item: 'Windows Server 2022 per-user CALs', value: '112 issued of 100', source: 'wmi' }],
    });
    expect(finding?.cause).toBe(
      '112 of 100 Windows Server 2022 per-user CALs issued. Windows does not enforce per-user CALs, so no one is refused, but 12 users hold CALs the estate never bought: a breach of the licence agreement.',
    );
    expect(finding?.fix).toEqual({
      kind: 'manual',
      summary: `buy at least 12 more per-user CALs (the hosts' Windows Server version or newer) and install them on ${LIC01}`,
      steps: [
        'Per-user CALs cannot be revoked: disable the accounts of people who left; their CALs show a 60-day expiry and can be reassigned only after 90 days. A per-user report (RD Licensing Manager, Create Report) shows who holds them.',
      ],
    });
  });

  it('points at the install apply makes when the spec declares enough per-user CALs', () => {
    const live = readAsLab([overIssued(112), sessionHost('rdsh01.corp.contoso.com')]);
    const spec = basicSpec().replace('type: perUser, quantity: 100', 'type: perUser, quantity: 150');
    const [finding] = runRule(checkPerUserOverIssue, doctorInputWithSpec(live, spec));
    expect(finding?.fix).toEqual({
      kind: 'apply',
      summary: `rdsctl apply converges it: licenseServer[${LIC01}].keyPack[user] (licenses 100 → 150)`,
      addresses: [`licenseServer[${LIC01}].keyPack[user]`],
    });
  });

  it('keeps the manual fix when the spec declares fewer per-user CALs than are issued', () => {
    const live = readAsLab([overIssued(112), sessionHost('rdsh01.corp.contoso.com')]);
    const [finding] = runRule(checkPerUserOverIssue, doctorInputWithSpec(live, basicSpec().replace('type: perUser, quantity: 100', 'type: perUser, quantity: 110')));
    expect(finding?.fix.kind).toBe('manual');
    expect(finding?.fix.steps?.[1]).toBe('Then raise the quantity of key pack "user" in the spec to at least 112 per-user CALs in all and run rdsctl apply, which installs only the difference.');
  });

  it('says nothing while per-user CALs are within what is installed', () => {
    expect(runRule(checkPerUserOverIssue, doctorInput(readAsLab([overIssued(100)])))).toEqual([]);
  });
});
