import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, LIC02, licenseServer, readAsLab, sessionHost } from './fixtures/doctor-estate.js';
import { runDoctor } from './run-doctor.js';

const hosts = (count: number, options = {}) => Array.from({ length: count }, (_, i) => sessionHost(`rdsh${String(i + 1).padStart(2, '0')}.corp.contoso.com`, options));

describe('runDoctor', () => {
  it('makes ten hosts refused because one server is unactivated one root cause, most severe first', () => {
    const unactivated = licenseServer(LIC01, (server) => (server.activation = { status: 'notActivated' }));
    const report = runDoctor(doctorInput(readAsLab([unactivated, ...hosts(10)])));
    expect(report.rootCauses[0]).toMatchObject({
      key: `RDSL-LS-NOT-ACTIVATED:${LIC01}`,
      id: 'RDSL-LS-NOT-ACTIVATED',
      severity: 'critical',
      findings: [`RDSL-LS-NOT-ACTIVATED:${LIC01}`, `RDSL-GRACE-EXPIRED:RDSL-LS-NOT-ACTIVATED:${LIC01}`],
    });
    expect(report.rootCauses[0]?.hosts).toHaveLength(11);
    expect(report.rootCauses.filter((root) => root.severity !== 'info')).toHaveLength(1);
    expect(report.findings.map((finding) => finding.severity)).toEqual([...report.findings.map((finding) => finding.severity)].sort((a, b) => rank(b) - rank(a)));
    expect(report.summary).toEqual({ licenseServers: 1, sessionHosts: 10, unreadableHosts: 0, findings: { info: 3, warning: 0, error: 1, critical: 1 } });
  });

  it('shows one cause on several servers once, listing all of them, with one fix', () => {
    const stopped = (name: string) => licenseServer(name, (server) => (server.service = { state: 'stopped' }));
    const report = runDoctor(doctorInput(readAsLab([stopped(LIC01), stopped(LIC02), ...hosts(2), sessionHost('rdsh03.corp.contoso.com', { servers: [LIC02] })])));
    const serious = report.rootCauses.filter((root) => root.severity !== 'info');
    expect(serious).toHaveLength(1);
    expect(serious[0]).toMatchObject({
      key: `RDSL-LS-SERVICE-STOPPED:${LIC01}`,
      severity: 'critical',
      title: `The Remote Desktop Licensing service is not running: ${LIC01}, ${LIC02}`,
      hosts: [LIC01, 'rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com', LIC02, 'rdsh03.corp.contoso.com'],
    });
    expect(serious[0]?.findings).toEqual([
      `RDSL-LS-SERVICE-STOPPED:${LIC01}`,
      `RDSL-GRACE-EXPIRED:RDSL-LS-SERVICE-STOPPED:${LIC01}`,
      `RDSL-LS-SERVICE-STOPPED:${LIC02}`,
      `RDSL-GRACE-EXPIRED:RDSL-LS-SERVICE-STOPPED:${LIC02}`,
    ]);
    expect(serious[0]?.fix.summary).toContain(LIC02);
    expect(report.findings.find((finding) => finding.key === `RDSL-LS-SERVICE-STOPPED:${LIC02}`)?.rootCause).toBe(`RDSL-LS-SERVICE-STOPPED:${LIC01}`);
  });

  it('ranks causes that block as many hosts in the guide order: connectivity, then activation, then CALs', () => {
    const noCals = licenseServer(LIC01, (server) => (server.keyPacks = []));
    const unactivated = licenseServer(LIC02, (server) => (server.activation = { status: 'notActivated' }));
    const closed = licenseServer('lic03.corp.contoso.com', (server) => (server.firewall = { ruleGroup: 'disabled', rules: [] }));
    const report = runDoctor(doctorInput(readAsLab([
      noCals, unactivated, closed,
      sessionHost('rdsh01.corp.contoso.com', { servers: [LIC01] }),
      sessionHost('rdsh02.corp.contoso.com', { servers: [LIC02] }),
      sessionHost('rdsh03.corp.contoso.com', { servers: ['lic03.corp.contoso.com'] }),
    ])));
    expect(report.rootCauses.filter((root) => root.severity === 'critical').map((root) => root.id)).toEqual(['RDSL-FIREWALL-DISABLED', 'RDSL-LS-NOT-ACTIVATED', 'RDSL-NO-KEYPACKS']);
  });

  it('gives consequences the fix of their root cause', () => {
    const unactivated = licenseServer(LIC01, (server) => (server.activation = { status: 'notActivated' }));
    const report = runDoctor(doctorInput(readAsLab([unactivated, ...hosts(2)])));
    const grace = report.findings.find((finding) => finding.id === 'RDSL-GRACE-EXPIRED');
    expect(grace?.fix.summary).toBe(`fixed with its root cause (RDSL-LS-NOT-ACTIVATED): activate ${LIC01} in RD Licensing Manager (licmgr.exe): right-click the server, Activate Server`);
  });

  it("gives a consequence its own server's fix when causes on several servers are merged, so the report grows with the estate, not its square", () => {
    const stopped = (name: string) => licenseServer(name, (server) => (server.service = { state: 'stopped' }));
    const servers = Array.from({ length: 40 }, (_, i) => `lic${String(i + 1).padStart(2, '0')}.corp.contoso.com`);
    const report = runDoctor(doctorInput(readAsLab([...servers.map(stopped), ...servers.map((server, i) => sessionHost(`rdsh${String(i + 1).padStart(2, '0')}.corp.contoso.com`, { servers: [server] }))])));
    const merged = report.rootCauses.find((root) => root.id === 'RDSL-LS-SERVICE-STOPPED');
    for (const server of servers) expect(merged?.fix.summary).toContain(server);
    const graces = report.findings.filter((finding) => finding.id === 'RDSL-GRACE-EXPIRED');
    expect(graces).toHaveLength(40);
    for (const grace of graces) {
      const server = servers.find((name) => grace.key.endsWith(`:${name}`));
      expect(grace.fix.summary).toBe(`fixed with its root cause (RDSL-LS-SERVICE-STOPPED): ${report.findings.find((finding) => finding.key === `RDSL-LS-SERVICE-STOPPED:${server}`)?.fix.summary}`);
    }
    expect(graces.every((grace) => grace.fix.summary.length < 400)).toBe(true);
  });

  it('follows a chain of causes to the first one (failover delay → firewall)', () => {
    const closed = licenseServer(LIC02, (server) => (server.firewall = { ruleGroup: 'disabled', rules: [] }));
    const report = runDoctor(doctorInput(readAsLab([licenseServer(LIC01), closed, ...hosts(3, { servers: [LIC02, LIC01] })])));
    const firewall = report.rootCauses.find((root) => root.id === 'RDSL-FIREWALL-DISABLED');
    expect(firewall?.findings).toEqual([`RDSL-FIREWALL-DISABLED:${LIC02}`, `RDSL-FAILOVER-DELAY:${LIC02}`]);
    expect(firewall?.severity).toBe('warning');
  });

  it('locates findings in the spec when given a locator', () => {
    const closed = licenseServer(LIC01, (server) => (server.firewall = { ruleGroup: 'disabled', rules: [] }));
    const input = doctorInput(readAsLab([closed]), { spec: { apiVersion: 'rdsctl/v1', deployment: 'x', connection: { provider: 'lab' }, licenseServers: [{ host: LIC01 }] } });
    const report = runDoctor(input, { locate: (path) => ({ file: 'rds.yaml', line: 7, column: 3, path: path.join('.') }), specFile: 'rds.yaml' });
    expect(report.findings.find((finding) => finding.id === 'RDSL-FIREWALL-DISABLED')?.location).toEqual({ file: 'rds.yaml', line: 7, column: 3, path: 'licenseServers.0.firewall' });
    expect(report.specFile).toBe('rds.yaml');
  });

  it('never puts a secret into a report', () => {
    const spec = {
      apiVersion: 'rdsctl/v1' as const,
      deployment: 'x',
      connection: { provider: 'lab' as const },
      licenseServers: [{ host: LIC01, keyPacks: [{ name: 'ea', program: 'enterpriseAgreement' as const, agreementNumber: { env: 'SECRET_EA_NUMBER' }, product: 'windowsServer2025' as const, type: 'perUser' as const, quantity: 5 }] }],
    };
    const empty = licenseServer(LIC01, (server) => (server.keyPacks = []));
    const report = runDoctor(doctorInput(readAsLab([empty, ...hosts(1)]), { spec, desired: undefined }));
    expect(JSON.stringify(report)).not.toContain('SECRET_EA_NUMBER');
  });
});

function rank(severity: string): number {
  return ['info', 'warning', 'error', 'critical'].indexOf(severity);
}
