import { describe, expect, test } from 'vitest';
import { compileSchema, findUndescribed, readSchema, rejectedProperties } from './fixtures/compile-schema.js';
import { buildApplyReport, buildSampleApplyReport, OUTCOME_EXAMPLES } from './fixtures/sample-apply-report.js';
import { renderApplyReportJson } from './render-apply-json.js';

const validate = compileSchema('apply-report.schema.json');
const schema = readSchema('apply-report.schema.json') as { definitions: Record<string, { enum?: string[] }> };

function reportDocument(report = buildSampleApplyReport()): Record<string, any> {
  return JSON.parse(renderApplyReportJson(report)) as Record<string, any>;
}

describe('apply-report.schema.json', () => {
  test('accepts a report with a result of every outcome, and an empty report', () => {
    expect(validate(reportDocument()), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(validate(reportDocument(buildApplyReport([]))), JSON.stringify(validate.errors)).toBe(true);
  });

  test('names exactly the outcomes of the model', () => {
    expect([...schema.definitions['Outcome']!.enum!].sort()).toEqual(Object.keys(OUTCOME_EXAMPLES).sort());
  });

  test('describes every property and definition', () => {
    expect(findUndescribed(schema)).toEqual([]);
  });

  test('defines diagnostics exactly as the plan schema does', () => {
    const plan = readSchema('plan.schema.json') as typeof schema;
    for (const name of ['Diagnostic', 'SourceLocation', 'Severity']) {
      expect(schema.definitions[name], name).toEqual(plan.definitions[name]);
    }
  });

  test.each([
    ['the report', (doc: Record<string, any>) => doc],
    ['a result', (doc: Record<string, any>) => doc['results'][0]],
    ['a diagnostic', (doc: Record<string, any>) => doc['results'][2].diagnostics[0]],
    ['the summary', (doc: Record<string, any>) => doc['summary']],
  ])('rejects an extra property on %s', (_where, pick) => {
    const document = reportDocument();
    pick(document)['extra'] = 1;
    expect(validate(document)).toBe(false);
    expect(rejectedProperties(validate)).toContain('extra');
  });

  test('rejects an unknown outcome and a negative duration', () => {
    const outcome = reportDocument();
    outcome['results'][0].outcome = 'done';
    expect(validate(outcome)).toBe(false);

    const duration = reportDocument();
    duration['results'][0].durationMs = -1;
    expect(validate(duration)).toBe(false);
  });
});
