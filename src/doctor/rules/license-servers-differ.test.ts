import { describe, expect, it } from 'vitest';
import { basicSpec, doctorInputWithSpec, LIC01, LIC02, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { runDoctor } from '../run-doctor.js';
import { checkLicenseServersAsSpecified } from './license-servers-differ.js';

const HOSTS = ['rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com', 'rdsh03.corp.contoso.com'];

describe('RDSL-LICENSE-SERVERS-DIFFER', () => {
  it('names hosts stranded on a server the spec does not intend, and apply converges their list', () => {
    const old = licenseServer(LIC02, (server) => (server.service = { state: 'stopped' }));
    const live = readAsLab([licenseServer(LIC01), old, ...HOSTS.map((host) => sessionHost(host, { servers: [LIC02] }))]);
    const input = doctorInputWithSpec(live, basicSpec());
    const [finding, ...rest] = runRule(checkLicenseServersAsSpecified, input);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      key: 'RDSL-LICENSE-SERVERS-DIFFER:desktops',
      severity: 'error',
      title: `3 session host(s) of pool "desktops" use ${LIC02}, not the spec's ${LIC01}`,
      hosts: HOSTS,
      specPath: ['sessionHostPools', 0, 'licenseServers'],
    });
    expect(finding?.evidence.at(-1)).toEqual({ host: '(spec)', item: 'pool "desktops" licenseServers', value: [LIC01], source: 'spec' });
    expect(finding?.fix).toMatchObject({ kind: 'apply', addresses: HOSTS.map((host) => `sessionHost[${host}]`) });

    // The stopped service on the server the spec retires is explained by the list, not a cause of its own.
    const report = runDoctor(input);
    // Grace periods are over (0 days), so the refusals make it critical.
    expect(report.rootCauses[0]).toMatchObject({ key: 'RDSL-LICENSE-SERVERS-DIFFER:desktops', severity: 'critical' });
    expect(report.rootCauses.filter((root) => root.severity === 'error' || root.severity === 'critical').map((root) => root.key)).toEqual(['RDSL-LICENSE-SERVERS-DIFFER:desktops']);
    expect(report.findings.find((entry) => entry.id === 'RDSL-LS-SERVICE-STOPPED')?.rootCause).toBe('RDSL-LICENSE-SERVERS-DIFFER:desktops');
  });

  it('is a warning when the hosts are licensed, only through another list than the spec says', () => {
    const live = readAsLab([licenseServer(LIC01), licenseServer(LIC02), ...HOSTS.map((host) => sessionHost(host, { servers: [LIC02, LIC01] }))]);
    const [finding] = runRule(checkLicenseServersAsSpecified, doctorInputWithSpec(live, basicSpec()));
    expect(finding).toMatchObject({ severity: 'warning', title: `3 session host(s) of pool "desktops" use ${LIC02}, ${LIC01}, not the spec's ${LIC01}` });
    expect(finding?.cause).toBe('The hosts are licensed, but not by the servers (or in the failover order) the spec intends: a server the spec retires stays in use, and failover goes where the spec does not expect.');
  });

  it('examines the server the spec intends: its problems are reported with the hosts apply would point at it', () => {
    const intended = licenseServer(LIC01, (server) => (server.keyPacks = server.keyPacks.filter((pack) => pack.type !== 'perUser')));
    const live = readAsLab([intended, licenseServer(LIC02, (server) => (server.activation = { status: 'notActivated' })), ...HOSTS.map((host) => sessionHost(host, { servers: [LIC02] }))]);
    const report = runDoctor(doctorInputWithSpec(live, basicSpec()));
    const mismatch = report.findings.find((entry) => entry.id === 'RDSL-CAL-TYPE-MISMATCH');
    expect(mismatch).toMatchObject({ key: `RDSL-CAL-TYPE-MISMATCH:${LIC01}|perUser`, rootCause: `RDSL-CAL-TYPE-MISMATCH:${LIC01}|perUser`, hosts: [LIC01, ...HOSTS] });
    expect(mismatch?.cause).toContain('the spec points 3 session hosts at it, which do not list it yet, and as it is it could not license them.');
    expect(mismatch?.fix).toMatchObject({ kind: 'apply', addresses: [`licenseServer[${LIC01}].keyPack[user]`] });
    expect(report.rootCauses.slice(0, 2).map((root) => root.id)).toEqual(['RDSL-LICENSE-SERVERS-DIFFER', 'RDSL-CAL-TYPE-MISMATCH']);
  });
});
