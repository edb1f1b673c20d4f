import { describe, expect, it } from 'vitest';
import { applyFixSummary } from './apply-fix-summary.js';

describe('applyFixSummary', () => {
  it('spells out up to three changes and counts the rest, in the singular for one', () => {
    expect(applyFixSummary(['a (x 1 → 2)'], 1)).toBe('rdsctl apply converges it: a (x 1 → 2)');
    expect(applyFixSummary(['a', 'b', 'c'], 3)).toBe('rdsctl apply converges it: a; b; c');
    expect(applyFixSummary(['a', 'b', 'c', 'd'], 4)).toBe('rdsctl apply converges it: a; b; c; and 1 more change (rdsctl plan lists them all)');
    expect(applyFixSummary(['a', 'b', 'c'], 50_000)).toBe('rdsctl apply converges it: a; b; c; and 49997 more changes (rdsctl plan lists them all)');
  });
});
