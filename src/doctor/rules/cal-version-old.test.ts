import { describe, expect, it } from 'vitest';
import type { LiveKeyPack } from '../../model/live-state.js';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkCalVersionsServeHosts } from './cal-version-old.js';

const withUserPack = (pack: Partial<LiveKeyPack>) =>
  licenseServer(LIC01, (server) => {
    server.keyPacks = [{ keyPackId: 3, productVersionId: 6, product: 'windowsServer2019', type: 'perUser', channel: 'volume', total: 100, issued: 0, available: 100, ...pack }];
  });

describe('RDSL-CAL-VERSION-OLD', () => {
  it('reports Windows Server 2019 CALs for Windows Server 2022 hosts', () => {
    const live = readAsLab([withUserPack({}), sessionHost('rdsh01.corp.contoso.com')]);
    const [finding, ...rest] = runRule(checkCalVersionsServeHosts, doctorInput(live));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      key: `RDSL-CAL-VERSION-OLD:${LIC01}|perUser|windowsServer2022`,
      severity: 'error',
      title: `${LIC01} has no per-user CALs for Windows Server 2022 session hosts`,
      hosts: [LIC01, 'rdsh01.corp.contoso.com'],
    });
    expect(finding?.cause).toMatch(/^lic01\.corp\.contoso\.com's per-user CALs are Windows Server 2019; a Windows Server 2022 host needs Windows Server 2022 CALs or newer\./);
    expect(finding?.fix.summary).toBe(`buy Windows Server 2022 (or newer) RDS per-user CALs and install them on ${LIC01}; CALs of an older version cannot be upgraded in place`);
  });

  it('accepts newer CALs for older hosts', () => {
    const live = readAsLab([withUserPack({ product: 'windowsServer2022', productVersionId: 7 }), sessionHost('rdsh01.corp.contoso.com', { edit: (_s, host) => (host.os = 'windowsServer2019') })]);
    expect(runRule(checkCalVersionsServeHosts, doctorInput(live))).toEqual([]);
  });

  it('does not guess about a pack whose product version id is unknown', () => {
    const live = readAsLab([withUserPack({ product: undefined, productVersionId: 8 }), sessionHost('rdsh01.corp.contoso.com')]);
    expect(runRule(checkCalVersionsServeHosts, doctorInput(live))).toEqual([]);
  });
});
