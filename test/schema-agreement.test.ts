/**
 * Keeps `schemas/plan.schema.json`, `schemas/apply-report.schema.json` and
 * `schemas/conformance-report.schema.json` in agreement with the
 * TypeScript types they describe: same property names, same optionality, same literal enums.
 * The spec and live-state schemas have their own agreement tests beside their code.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareTypeWithSchema, type SchemaNode } from './support/compare-type-with-schema.js';

const modelFile = (name: string): string => fileURLToPath(new URL(`../src/model/${name}`, import.meta.url));
const readSchema = (name: string): SchemaNode => JSON.parse(readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8')) as SchemaNode;

const PLAN_SCHEMA = readSchema('plan.schema.json');
const APPLY_REPORT_SCHEMA = readSchema('apply-report.schema.json');

/** A copy of the plan schema with one deliberate edit. */
function editedPlanSchema(edit: (definitions: Record<string, SchemaNode>) => void): SchemaNode {
  const copy = structuredClone(PLAN_SCHEMA);
  edit(copy.definitions ?? {});
  return copy;
}

const comparePlan = (schema: SchemaNode): string[] => compareTypeWithSchema({ file: modelFile('plan.ts'), typeName: 'Plan', schema });

describe('plan schema and the Plan type', () => {
  it('agree on the whole plan', () => {
    expect(comparePlan(PLAN_SCHEMA)).toEqual([]);
  });

  it.each([
    ['change.ts', 'Change', 'Change'],
    ['change.ts', 'AttributeChange', 'AttributeChange'],
    ['change.ts', 'AttributeValue', 'AttributeValue'],
    ['change.ts', 'ChangeTarget', 'ChangeTarget'],
    ['change.ts', 'Refusal', 'Refusal'],
    ['change.ts', 'PendingRefresh', 'PendingRefresh'],
    ['address.ts', 'ResourceKind', 'ResourceKind'],
    ['plan.ts', 'PlanSummary', 'PlanSummary'],
    ['diagnostic.ts', 'Diagnostic', 'Diagnostic'],
    ['diagnostic.ts', 'SourceLocation', 'SourceLocation'],
    ['operation.ts', 'Operation', 'Operation'],
    ['operation.ts', 'KeyPackGroup', 'KeyPackGroup'],
    ['operation.ts', 'KeyPackSecretRefs', 'KeyPackSecretRefs'],
    ['spec.ts', 'SecretRef', 'SecretRef'],
    ['spec.ts', 'ActivationContact', 'ActivationContact'],
    ['live-state.ts', 'KeyPackChannel', 'KeyPackChannel'],
  ])('agree on %s %s', (file, typeName, definition) => {
    expect(compareTypeWithSchema({ file: modelFile(file), typeName, schema: PLAN_SCHEMA, definition })).toEqual([]);
  });
});

describe('apply-report schema and the ApplyReport type', () => {
  it.each([
    ['ApplyReport', undefined],
    ['ActionResult', 'ActionResult'],
    ['ApplySummary', 'ApplySummary'],
    ['Outcome', 'Outcome'],
  ])('agree on %s', (typeName, definition) => {
    const comparison = { file: modelFile('action-result.ts'), typeName, schema: APPLY_REPORT_SCHEMA };
    expect(compareTypeWithSchema(definition === undefined ? comparison : { ...comparison, definition })).toEqual([]);
  });
});

describe('conformance-report schema and the ConformanceReport type', () => {
  it('agree on the whole report', () => {
    expect(compareTypeWithSchema({ file: modelFile('conformance-report.ts'), typeName: 'ConformanceReport', schema: readSchema('conformance-report.schema.json') })).toEqual([]);
  });
});

describe('saved-plan schema and the SavedPlan type', () => {
  it('agree, with the plan inside compared against the plan schema', () => {
    const saved = readSchema('saved-plan.schema.json');
    const { definitions: planDefinitions, $schema: _unused, ...planRoot } = PLAN_SCHEMA as SchemaNode & { $schema?: string };
    const combined: SchemaNode = {
      ...saved,
      properties: { ...saved.properties, plan: planRoot },
      definitions: { ...planDefinitions, ...saved.definitions },
    };
    const file = fileURLToPath(new URL('../src/saved-plan/saved-plan.ts', import.meta.url));
    expect(compareTypeWithSchema({ file, typeName: 'SavedPlan', schema: combined })).toEqual([]);
  });
});

describe('the comparison reports every kind of disagreement', () => {
  it('a key the type has and the schema lacks, and the reverse', () => {
    const schema = editedPlanSchema((definitions) => {
      const properties = definitions['Change']?.properties ?? {};
      delete properties['pool'];
      properties['owner'] = { type: 'string', description: 'Who asked.' };
    });
    expect(comparePlan(schema)).toEqual(['Plan.changes[].owner: in the schema, not in the type', 'Plan.changes[].pool: in the type, not in the schema']);
  });

  it('optionality', () => {
    const schema = editedPlanSchema((definitions) => {
      definitions['Change']?.required?.push('reason');
      definitions['Diagnostic']!.required = ['severity', 'code'];
    });
    expect(comparePlan(schema)).toEqual([
      'Plan.changes[].reason: optional in the type but required in the schema',
      'Plan.diagnostics[].summary: required in the type but optional in the schema',
    ]);
  });

  it('an enum value missing from the schema', () => {
    const schema = structuredClone(APPLY_REPORT_SCHEMA);
    schema.definitions!['Outcome']!.enum = ['applied', 'unchanged', 'pending', 'failed', 'skipped', 'refused'];
    expect(compareTypeWithSchema({ file: modelFile('action-result.ts'), typeName: 'ApplyReport', schema })).toEqual([
      'ApplyReport.results[].outcome: type allows ["applied","failed","interrupted","pending","refused","skipped","unchanged"], schema ["applied","failed","pending","refused","skipped","unchanged"]',
    ]);
  });

  it('null allowed by the schema only', () => {
    const schema = editedPlanSchema((definitions) => {
      definitions['Diagnostic']!.properties!['hint']!.type = ['string', 'null'];
    });
    expect(comparePlan(schema)).toEqual(['Plan.diagnostics[].hint: null allowed by the schema but not by the type']);
  });

  it('an object the schema leaves open', () => {
    const schema = editedPlanSchema((definitions) => {
      delete definitions['Refusal']!.additionalProperties;
    });
    expect(comparePlan(schema)).toEqual(['Plan.changes[].refused: must be a closed object in the schema (additionalProperties: false)']);
  });

  it('a union member the schema lacks, and one the type lacks', () => {
    const schema = editedPlanSchema((definitions) => {
      const variants = definitions['Operation']!.oneOf!;
      variants.splice(variants.findIndex((variant) => variant.$ref === '#/definitions/LinkGpoOperation'), 1);
      variants.push({ type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: { const: 'formatDisk' } } });
    });
    expect(comparePlan(schema)).toEqual([
      'Plan.changes[].operations[](kind=linkGpo).kind: type allows ["linkGpo"], schema ["createGpo"]',
      'Plan.changes[].operations[](kind=linkGpo).ou: in the type, not in the schema',
      'Plan.changes[].operations[]: the schema allows an object with kind="formatDisk", which matches no member of the type',
    ]);
  });

  it('a value shape the schema lacks', () => {
    const schema = editedPlanSchema((definitions) => {
      definitions['AttributeValue']!.anyOf = definitions['AttributeValue']!.anyOf!.filter((choice) => choice.type !== 'array');
    });
    expect(comparePlan(schema)).toEqual([
      'Plan.changes[].attributes[].before: array allowed by the type but not by the schema',
      'Plan.changes[].attributes[].after: array allowed by the type but not by the schema',
      'Plan.pending[].attributes[].before: array allowed by the type but not by the schema',
      'Plan.pending[].attributes[].after: array allowed by the type but not by the schema',
    ]);
  });
});
