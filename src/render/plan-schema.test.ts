import { describe, expect, test } from 'vitest';
import { compileSchema, findUndescribed, readSchema, rejectedProperties } from './fixtures/compile-schema.js';
import { buildEveryKindPlan, OPERATION_EXAMPLES, RESOURCE_EXAMPLES } from './fixtures/every-kind-plan.js';
import { buildEmptyPlan, buildSamplePlan } from './fixtures/sample-plan.js';
import { renderPlanJson } from './render-plan-json.js';

const validate = compileSchema('plan.schema.json');
const schema = readSchema('plan.schema.json') as { definitions: Record<string, { oneOf?: Array<{ $ref: string }>; enum?: string[]; properties?: Record<string, { const?: string }> }> };

/** The plan as a consumer sees it: parsed from the JSON rendering. */
function planDocument(plan = buildEveryKindPlan()): Record<string, any> {
  return JSON.parse(renderPlanJson(plan)) as Record<string, any>;
}

function schemaOperationKinds(): string[] {
  return (schema.definitions['Operation']!.oneOf ?? []).map((variant) => {
    const name = variant.$ref.replace('#/definitions/', '');
    return schema.definitions[name]!.properties!['kind']!.const!;
  });
}

describe('plan.schema.json', () => {
  test('accepts a plan with a change of every resource kind and an operation of every kind', () => {
    const document = planDocument();
    const resources = new Set(document['changes'].map((change: { resource: string }) => change.resource));
    const operations = new Set(document['changes'].flatMap((change: { operations: Array<{ kind: string }> }) => change.operations.map((op) => op.kind)));
    expect([...resources].sort()).toEqual(Object.keys(RESOURCE_EXAMPLES).sort());
    expect([...operations].sort()).toEqual(Object.keys(OPERATION_EXAMPLES).sort());
    expect(validate(document), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  test('accepts the sample plan and the empty plan', () => {
    expect(validate(planDocument(buildSamplePlan())), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(planDocument(buildEmptyPlan())), JSON.stringify(validate.errors)).toBe(true);
  });

  test('names exactly the resource kinds and operation kinds of the model', () => {
    expect([...schema.definitions['ResourceKind']!.enum!].sort()).toEqual(Object.keys(RESOURCE_EXAMPLES).sort());
    expect(schemaOperationKinds().sort()).toEqual(Object.keys(OPERATION_EXAMPLES).sort());
  });

  test('describes every property and definition', () => {
    expect(findUndescribed(schema)).toEqual([]);
  });

  test.each([
    ['the plan', (doc: Record<string, any>) => doc],
    ['a change', (doc: Record<string, any>) => doc['changes'][0]],
    ['an attribute change', (doc: Record<string, any>) => doc['changes'][0].attributes[0]],
    ['an operation', (doc: Record<string, any>) => doc['changes'][0].operations[0]],
    ['a secret reference', (doc: Record<string, any>) => doc['changes'][4].operations[0].secrets.licenseNumber],
    ['a pending refresh', (doc: Record<string, any>) => doc['pending'][0]],
    ['a diagnostic', (doc: Record<string, any>) => doc['diagnostics'][0]],
    ['the summary', (doc: Record<string, any>) => doc['summary']],
  ])('rejects an extra property on %s', (_where, pick) => {
    const document = planDocument();
    pick(document)['extra'] = true;
    expect(validate(document)).toBe(false);
    expect(rejectedProperties(validate)).toContain('extra');
  });

  test('rejects a secret written as a value instead of a reference', () => {
    const asString = planDocument();
    asString['changes'][4].operations[0].secrets.licenseNumber = '12345678';
    expect(validate(asString)).toBe(false);

    const asValue = planDocument();
    asValue['changes'][4].operations[0].secrets.licenseNumber = { value: '12345678' };
    expect(validate(asValue)).toBe(false);
    expect(rejectedProperties(validate)).toContain('value');

    const both = planDocument();
    both['changes'][4].operations[0].secrets.licenseNumber = { env: 'A', file: './a.txt' };
    expect(validate(both)).toBe(false);
  });

  test('rejects another format version, an unknown operation and a malformed address', () => {
    const version = planDocument();
    version['formatVersion'] = 2;
    expect(validate(version)).toBe(false);

    const operation = planDocument();
    operation['changes'][0].operations[0] = { kind: 'formatDisk' };
    expect(validate(operation)).toBe(false);

    const address = planDocument();
    address['changes'][0].address = 'licenseServer[lic01].fan';
    expect(validate(address)).toBe(false);
  });
});
