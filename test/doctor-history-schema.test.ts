/**
 * Keeps `schemas/doctor-history-line.schema.json` in agreement with the HistoryLine type, and
 * checks lines doctor really writes against it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { LIC01, licenseServer, NOW, readAsLab, sessionHost } from '../src/doctor/fixtures/doctor-estate.js';
import { createHistoryEntry, recordHistory } from '../src/doctor/history-file.js';
import { compareTypeWithSchema, type SchemaNode } from './support/compare-type-with-schema.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const SCHEMA = JSON.parse(readFileSync(new URL('../schemas/doctor-history-line.schema.json', import.meta.url), 'utf8')) as SchemaNode;

describe('doctor-history-line schema and the HistoryLine type', () => {
  it('agree', () => {
    expect(compareTypeWithSchema({ file: fileURLToPath(new URL('../src/doctor/history-line.ts', import.meta.url)), typeName: 'HistoryLine', schema: SCHEMA })).toEqual([]);
  });

  it('accepts the lines doctor writes, and rejects an unknown field', async () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(SCHEMA);
    const file = join(mkdtempSync(join(tmpdir(), 'rdsctl-history-')), 'history.jsonl');
    const live = readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com', { grace: 12 }), sessionHost('rdsh02.corp.contoso.com', { grace: 0 })]);
    await recordHistory(file, createHistoryEntry(live, '2026-11-25T12:00:00.000Z'));
    await recordHistory(file, createHistoryEntry(live, NOW));
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [validate(line), validate.errors ?? []])).toEqual([
      [true, []],
      [true, []],
    ]);
    expect(lines[0]).not.toHaveProperty('grace');
    expect(lines[1]).toHaveProperty('grace', { 'rdsh01.corp.contoso.com': 12, 'rdsh02.corp.contoso.com': 0 });
    expect(validate({ ...lines[1], hosts: [] })).toBe(false);
  });
});
