import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule } from '../fixtures/doctor-estate.js';
import { reportCapacity } from './capacity.js';

describe('RDSL-CAPACITY', () => {
  it('reports issued against installed CALs per pool, ignoring built-in packs', () => {
    const findings = runRule(reportCapacity, doctorInput(readAsLab([licenseServer(LIC01)])));
    expect(findings.map((finding) => [finding.key, finding.severity, finding.title])).toEqual([
      [`RDSL-CAPACITY:${LIC01}|perUser|7`, 'info', `${LIC01}: 40 of 100 Windows Server 2022 per-user CALs issued, 60 free`],
      [`RDSL-CAPACITY:${LIC01}|perDevice|7`, 'info', `${LIC01}: 10 of 50 Windows Server 2022 per-device CALs issued, 40 free`],
    ]);
  });

  it('estimates days until a pool runs out from the history of earlier runs, and warns when it is near', () => {
    const history = [
      { time: '2026-11-17T12:00:00.000Z', pools: { [`${LIC01}|perUser|7`]: { issued: 10, total: 100 }, [`${LIC01}|perDevice|7`]: { issued: 10, total: 50 } } },
    ];
    const findings = runRule(reportCapacity, doctorInput(readAsLab([licenseServer(LIC01)]), { history }));
    expect(findings.map((finding) => [finding.severity, finding.title])).toEqual([
      ['warning', `${LIC01}: 40 of 100 Windows Server 2022 per-user CALs issued, 60 free; out in about 20 day(s) at the current rate`],
      ['info', `${LIC01}: 10 of 50 Windows Server 2022 per-device CALs issued, 40 free`],
    ]);
    expect(findings[0]?.evidence[1]).toEqual({ host: LIC01, item: 'issued since 2026-11-17', value: '+30 (3.00/day)', source: 'history' });
  });

  it('fits the forecast to every earlier run and states the range when the counts scatter', () => {
    const key = `${LIC01}|perUser|7`;
    const history = [
      { time: '2026-11-07T12:00:00.000Z', pools: { [key]: { issued: 12, total: 100 } } },
      { time: '2026-11-17T12:00:00.000Z', pools: { [key]: { issued: 18, total: 100 } } },
      { time: '2026-11-22T12:00:00.000Z', pools: { [key]: { issued: 35, total: 100 } } },
    ];
    const input = doctorInput(readAsLab([licenseServer(LIC01)]), { history });
    const finding = runRule(reportCapacity, input)[0];
    expect(input.now).toBe('2026-11-27T12:00:00.000Z');
    expect(finding?.title).toBe(`${LIC01}: 40 of 100 Windows Server 2022 per-user CALs issued, 60 free; out in about 40 day(s) at the current rate`);
    expect(finding?.cause).toMatch(/ Between \d+ day\(s\) and \d+ day\(s\) \(least-squares line over the last 14 samples/);
  });
});
