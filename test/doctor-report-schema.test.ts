/**
 * Keeps `schemas/doctor-report.schema.json` in agreement with the DoctorReport type, and checks
 * real reports (every kind of finding the broken examples produce) against it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { FINDING_CATALOG } from '../src/doctor/finding-catalog.js';
import { doctorInput, LIC01, LIC02, licenseServer, readAsLab, sessionHost } from '../src/doctor/fixtures/doctor-estate.js';
import { runDoctor } from '../src/doctor/run-doctor.js';
import { renderDoctorJson } from '../src/render/render-doctor-json.js';
import { compareTypeWithSchema, type SchemaNode } from './support/compare-type-with-schema.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const SCHEMA = JSON.parse(readFileSync(new URL('../schemas/doctor-report.schema.json', import.meta.url), 'utf8')) as SchemaNode;
const doctorFile = (name: string): string => fileURLToPath(new URL(`../src/doctor/${name}`, import.meta.url));

describe('doctor-report schema and the DoctorReport type', () => {
  it('agree on the whole report', () => {
    expect(compareTypeWithSchema({ file: doctorFile('doctor-report.ts'), typeName: 'DoctorReport', schema: SCHEMA })).toEqual([]);
  });

  it.each([
    ['finding.ts', 'Finding'],
    ['finding.ts', 'Evidence'],
    ['finding.ts', 'Fix'],
    ['finding.ts', 'FindingId'],
    ['doctor-report.ts', 'RootCause'],
  ])('agree on %s %s', (file, typeName) => {
    expect(compareTypeWithSchema({ file: doctorFile(file), typeName, schema: SCHEMA, definition: typeName })).toEqual([]);
  });

  it('lists exactly the ids of the finding catalogue', () => {
    expect((SCHEMA.definitions?.['FindingId']?.enum as string[]).sort()).toEqual(Object.keys(FINDING_CATALOG).sort());
  });

  it('accepts a real report with many kinds of findings, and rejects unknown fields', () => {
    const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats(ajv, ['date-time']);
    const validate = ajv.compile(SCHEMA);
    const live = readAsLab([
      licenseServer(LIC01, (server) => (server.activation = { status: 'notActivated' })),
      licenseServer(LIC02, (server) => (server.firewall = { ruleGroup: 'disabled', rules: [] })),
      sessionHost('rdsh01.corp.contoso.com', { servers: [LIC02, LIC01] }),
      sessionHost('rdsh02.corp.contoso.com', { mode: 'notConfigured', servers: [], edit: (sh) => (sh.events = [{ id: 1068, log: 'System', time: '2026-11-27T08:00:00Z' }]) }),
    ]);
    const document = JSON.parse(renderDoctorJson(runDoctor(doctorInput(live)))) as { findings: { id: string; extra?: number }[] };
    expect(new Set(document.findings.map((finding) => finding.id)).size).toBeGreaterThanOrEqual(6);
    expect(validate(document), JSON.stringify(validate.errors, null, 2)).toBe(true);
    document.findings[0]!.extra = 1;
    expect(validate(document)).toBe(false);
  });
});
