import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, sessionHost } from '../doctor/fixtures/doctor-estate.js';
import { runDoctor } from '../doctor/run-doctor.js';
import { renderDoctorSarif } from './render-doctor-sarif.js';

describe('renderDoctorSarif', () => {
  it('writes SARIF 2.1.0 with a rule per id, levels by severity and spec locations where there are some', () => {
    const closed = licenseServer(LIC01, (server) => (server.firewall = { ruleGroup: 'disabled', rules: [] }));
    const input = doctorInput(readAsLab([closed, sessionHost('rdsh01.corp.contoso.com')]), {
      spec: { apiVersion: 'rdsctl/v1', deployment: 'x', connection: { provider: 'lab' }, licenseServers: [{ host: LIC01 }] },
    });
    const report = runDoctor(input, { locate: () => ({ file: './examples/x/rds.yaml', line: 12, column: 5 }) });
    const sarif = JSON.parse(renderDoctorSarif(report, { toolVersion: '9.9.9' }));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    const run = sarif.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'rdsctl', version: '9.9.9' });
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['RDSL-CAPACITY', 'RDSL-FIREWALL-DISABLED', 'RDSL-GRACE-EXPIRED', 'RDSL-SINGLE-LICENSE-SERVER']);
    const firewall = run.results.find((result: { ruleId: string }) => result.ruleId === 'RDSL-FIREWALL-DISABLED');
    expect(firewall).toMatchObject({
      level: 'error',
      ruleIndex: 1,
      locations: [{ physicalLocation: { artifactLocation: { uri: 'examples/x/rds.yaml' }, region: { startLine: 12, startColumn: 5 } } }],
      partialFingerprints: { rdsctlFindingKey: `RDSL-FIREWALL-DISABLED:${LIC01}` },
    });
    expect(run.results.find((result: { ruleId: string }) => result.ruleId === 'RDSL-GRACE-EXPIRED')).toMatchObject({ level: 'error' });
    expect(run.results.find((result: { ruleId: string }) => result.ruleId === 'RDSL-CAPACITY')).toMatchObject({ level: 'note' });
    expect(run.results.find((result: { ruleId: string }) => result.ruleId === 'RDSL-GRACE-EXPIRED').locations).toBeUndefined();
  });

  it('gives estate-wide findings the spec file\'s first line and a logical location, so every result has a location', () => {
    const closed = licenseServer(LIC01, (server) => (server.firewall = { ruleGroup: 'disabled', rules: [] }));
    const input = doctorInput(readAsLab([closed, sessionHost('rdsh01.corp.contoso.com')]), {
      spec: { apiVersion: 'rdsctl/v1', deployment: 'x', connection: { provider: 'lab' }, licenseServers: [{ host: LIC01 }] },
    });
    const report = runDoctor(input, { locate: () => ({ file: 'rds.yaml', line: 12, column: 5 }) });
    const results = JSON.parse(renderDoctorSarif(report, { toolVersion: '9.9.9', file: 'rds.yaml' })).runs[0].results;
    expect(results.length).toBeGreaterThan(1);
    for (const result of results) expect(result.locations?.[0]?.physicalLocation?.artifactLocation, result.ruleId).toEqual({ uri: 'rds.yaml' });
    const grace = results.find((result: { ruleId: string }) => result.ruleId === 'RDSL-GRACE-EXPIRED');
    expect(grace.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'rds.yaml' }, region: { startLine: 1, startColumn: 1 } },
        logicalLocations: [{ fullyQualifiedName: 'sessionHost[rdsh01.corp.contoso.com].gracePeriod', kind: 'resource' }],
      },
    ]);
  });

  it('turns an absolute spec path into a file URI', () => {
    const closed = licenseServer(LIC01, (server) => (server.firewall = { ruleGroup: 'disabled', rules: [] }));
    const input = doctorInput(readAsLab([closed]), { spec: { apiVersion: 'rdsctl/v1', deployment: 'x', connection: { provider: 'lab' }, licenseServers: [{ host: LIC01 }] } });
    const report = runDoctor(input, { locate: () => ({ file: '/srv/specs/rds.yaml', line: 3, column: 1 }) });
    const sarif = JSON.parse(renderDoctorSarif(report, { toolVersion: '1.0.0' }));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///srv/specs/rds.yaml' });
  });
});
