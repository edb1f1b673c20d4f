import { describe, expect, it } from 'vitest';
import { doctorInput, licenseServer, readAsLab, sessionHost } from '../doctor/fixtures/doctor-estate.js';
import { runDoctor } from '../doctor/run-doctor.js';
import { renderDoctorJson, renderDoctorJsonChunks } from './render-doctor-json.js';
import { renderDoctorSarif, renderDoctorSarifChunks } from './render-doctor-sarif.js';
import { renderDoctorText, renderDoctorTextChunks } from './render-doctor-text.js';

// 60 stopped licence servers, each the only server of its own session host: 60 root causes, each with a consequence.
function largeReport() {
  const servers = Array.from({ length: 60 }, (_, i) => `lic${String(i + 1).padStart(2, '0')}.corp.contoso.com`);
  const stopped = servers.map((name) => licenseServer(name, (server) => (server.service = { state: 'stopped' })));
  const hosts = servers.map((server, i) => sessionHost(`rdsh${String(i + 1).padStart(2, '0')}.corp.contoso.com`, { servers: [server] }));
  return runDoctor(doctorInput(readAsLab([...stopped, ...hosts])));
}

const longest = (chunks: readonly string[]): number => Math.max(...chunks.map((chunk) => chunk.length));

describe('doctor output in pieces', () => {
  const report = largeReport();

  it('writes the JSON report JSON.stringify writes, a finding at a time', () => {
    const chunks = [...renderDoctorJsonChunks(report)];
    expect(chunks.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(chunks.length).toBeGreaterThan(report.findings.length);
    expect(longest(chunks)).toBeLessThan(Math.max(...report.rootCauses.map((root) => JSON.stringify(root, null, 2).length)) * 2);
    expect(renderDoctorJson(report)).toBe(chunks.join(''));
  });

  it('writes SARIF as indented JSON, a result at a time', () => {
    const chunks = [...renderDoctorSarifChunks(report, { toolVersion: '1.0.0', file: 'rds.yaml' })];
    const text = chunks.join('');
    const sarif = JSON.parse(text) as { runs: { results: unknown[] }[] };
    expect(text).toBe(`${JSON.stringify(sarif, null, 2)}\n`);
    expect(sarif.runs[0]?.results).toHaveLength(report.findings.length);
    expect(chunks.length).toBeGreaterThan(report.findings.length);
    expect(longest(chunks)).toBeLessThan(text.length / 20);
    expect(renderDoctorSarif(report, { toolVersion: '1.0.0', file: 'rds.yaml' })).toBe(text);
  });

  it('writes the text a root cause or finding at a time', () => {
    for (const width of [60, 100, Infinity]) {
      const chunks = [...renderDoctorTextChunks(report, { color: false, width })];
      const text = chunks.join('');
      expect(text).toBe(renderDoctorText(report, { color: false, width }));
      expect(text.startsWith('rdsctl doctor: 60 licence servers, 60 session hosts;')).toBe(true);
      expect(text.endsWith('\n')).toBe(true);
      expect(chunks.length).toBeGreaterThan(report.findings.length);
      // The longest piece is the merged root cause, which names all 60 servers and their fixes.
      expect(longest(chunks)).toBeLessThan(text.length / 10);
    }
  });
});
