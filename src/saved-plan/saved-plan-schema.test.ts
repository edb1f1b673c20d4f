/**
 * schemas/saved-plan.schema.json against saved plans as rdsctl writes them: every change and
 * operation kind, and the refusals a reader relies on.
 */
import { describe, expect, test } from 'vitest';
import { compileSchema, findUndescribed, readSchema, rejectedProperties } from '../render/fixtures/compile-schema.js';
import { buildEveryKindPlan } from '../render/fixtures/every-kind-plan.js';
import { buildSampleLiveState } from '../render/fixtures/sample-live-state.js';
import { buildEmptyPlan } from '../render/fixtures/sample-plan.js';
import { buildSavedPlan } from './write-saved-plan.js';

const validate = compileSchema('saved-plan.schema.json', ['plan.schema.json']);

function savedDocument(plan = buildEveryKindPlan()): Record<string, any> {
  const saved = buildSavedPlan({
    plan,
    live: buildSampleLiveState(),
    rdsctlVersion: '0.1.0',
    specDigest: `sha256:${'ab'.repeat(32)}`,
    connection: { provider: 'windows', transport: 'ssh', user: 'rdsadmin', port: '22', gpoManagementHost: 'dc01.corp.contoso.com' },
    targets: ['licenseServer[lic01.corp.contoso.com]'],
    now: new Date('2026-12-02T14:00:00.000Z'),
  });
  return JSON.parse(JSON.stringify(saved)) as Record<string, any>;
}

describe('saved-plan.schema.json', () => {
  test('accepts a saved plan with a change of every kind, and a saved empty plan', () => {
    const document = savedDocument();
    expect(Object.keys(document['basis']).length).toBeGreaterThan(0);
    expect(validate(document), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate(savedDocument(buildEmptyPlan())), JSON.stringify(validate.errors)).toBe(true);
  });

  test('describes every property and definition', () => {
    expect(findUndescribed(readSchema('saved-plan.schema.json'))).toEqual([]);
  });

  test.each([
    ['the document', (doc: Record<string, any>) => doc],
    ['the connection identity', (doc: Record<string, any>) => doc['connection']],
    ['the plan inside it', (doc: Record<string, any>) => doc['plan']],
  ])('rejects an extra property on %s', (_where, pick) => {
    const document = savedDocument();
    pick(document)['extra'] = true;
    expect(validate(document)).toBe(false);
    expect(rejectedProperties(validate)).toContain('extra');
  });

  test.each([
    ['another format', (doc: Record<string, any>) => void (doc['format'] = 'terraform-plan')],
    ['a future version', (doc: Record<string, any>) => void (doc['formatVersion'] = 2)],
    ['a checksum that is not a sha256 digest', (doc: Record<string, any>) => void (doc['checksum'] = 'md5:00')],
    ['a password in the connection identity', (doc: Record<string, any>) => void (doc['connection']['password'] = 'hunter2')],
    ['a missing basis', (doc: Record<string, any>) => void delete doc['basis']],
  ])('rejects %s', (_what, edit) => {
    const document = savedDocument();
    edit(document);
    expect(validate(document)).toBe(false);
  });
});
