/**
 * Keeps `schemas/live-state.schema.json` and the TypeScript types in agreement: the schema
 * describes exactly `LabEstate` (= `LiveState` plus the optional `lab` fields): same keys,
 * same optionality, same enumerations, nothing else allowed.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compareTypeWithSchema, type SchemaNode } from '../../../test/support/compare-type-with-schema.js';
import { EXAMPLE_ESTATE_FILE } from './fixtures/lab-test-fixture.js';
import { LIVE_STATE_SCHEMA_PATH, validateEstate } from './validate-estate.js';

const LAB_ESTATE_TS = fileURLToPath(new URL('./lab-estate.ts', import.meta.url));
const schema = JSON.parse(readFileSync(LIVE_STATE_SCHEMA_PATH, 'utf8')) as SchemaNode;

describe('live-state schema', () => {
  it('describes exactly the LabEstate type (LiveState plus the lab fields)', () => {
    expect(compareTypeWithSchema({ file: LAB_ESTATE_TS, typeName: 'LabEstate', schema })).toEqual([]);
  });

  it('accepts the example estate', () => {
    expect(validateEstate(parse(readFileSync(EXAMPLE_ESTATE_FILE, 'utf8')))).toEqual([]);
  });

  it.each([
    ['at the root', (estate: Record<string, unknown>) => (estate.owner = 'ops'), 'owner'],
    ['on a host', (estate: Record<string, unknown>) => ((estate.hosts as Record<string, unknown>[])[0]!.colour = 'blue'), 'hosts[0].colour'],
    ['in lab settings', (estate: Record<string, unknown>) => (estate.lab = { policyRefresh: 'manual', speed: 2 }), 'lab.speed'],
  ])('rejects an unknown key %s', (_where, edit, path) => {
    const estate = parse(readFileSync(EXAMPLE_ESTATE_FILE, 'utf8')) as Record<string, unknown>;
    edit(estate);
    expect(validateEstate(estate)).toEqual([{ path, segments: expect.any(Array), message: 'is not a known key' }]);
  });

  it('reports every problem at once', () => {
    const estate = parse(readFileSync(EXAMPLE_ESTATE_FILE, 'utf8')) as { formatVersion: number; hosts: { os?: string; host?: string }[] };
    estate.formatVersion = 2;
    estate.hosts[1]!.os = 'windows11';
    delete estate.hosts[2]!.host;
    expect(validateEstate(estate).map((problem) => `${problem.path} ${problem.message}`)).toEqual([
      'formatVersion must be equal to constant',
      'hosts[1].os must be one of "windowsServer2008", "windowsServer2008R2", "windowsServer2012", "windowsServer2016", "windowsServer2019", "windowsServer2022", "windowsServer2025"',
      'hosts[2].host is required',
    ]);
  });
});
