import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../saved-plan/saved-plan.js';
import { buildPlanOverManyHosts, buildSamplePlan } from '../render/fixtures/sample-plan.js';
import { jsonChunks, jsonText } from './json-chunks.js';

const awkward = {
  name: 'lic01 "quoted"\nline',
  nested: { b: [1, { z: true, a: null }, []], a: {}, skipped: undefined, '10': 'ten', '9': 'nine' },
  list: [undefined, 'x', [[]], { deep: { deeper: ['→', '\u001b'] } }],
  empty: [],
  none: {},
  number: -0,
};

describe('jsonChunks', () => {
  it('writes what JSON.stringify writes, at every split depth and indent', () => {
    for (const value of [awkward, buildSamplePlan(), [], {}, 'text', 3, null, [1, [2, [3]]]]) {
      for (const splitDepth of [0, 1, 2, 3, 8]) {
        for (const indent of [0, 2]) expect(jsonText(value, { indent, splitDepth })).toBe(JSON.stringify(value, null, indent));
      }
    }
  });

  it('with sorted keys writes the canonical JSON the saved-plan checksum is taken over', () => {
    for (const value of [awkward, buildSamplePlan()]) {
      for (const splitDepth of [0, 1, 3]) expect(jsonText(value, { indent: 0, splitDepth, sortKeys: true })).toBe(canonicalJson(value));
    }
  });

  it('writes a large plan as one chunk per change, never the whole document at once', () => {
    const plan = buildPlanOverManyHosts(2000);
    const chunks = [...jsonChunks(plan, { indent: 2, splitDepth: 2 })];
    expect(chunks.join('')).toBe(JSON.stringify(plan, null, 2));
    expect(chunks.length).toBeGreaterThan(plan.changes.length);
    const longest = Math.max(...chunks.map((chunk) => chunk.length));
    expect(longest).toBeLessThan(Math.max(...plan.changes.map((change) => JSON.stringify(change, null, 2).length)) * 2);
  });
});
