import { describe, expect, it } from 'vitest';
import { measureEditDistance, suggestName } from './suggest-name.js';

describe('suggestName', () => {
  const keys = ['name', 'program', 'product', 'type', 'quantity'];

  it.each([
    ['quantiy', 'quantity'],
    ['Quantity', 'quantity'],
    ['prodcut', 'product'],
    ['tpye', 'type'],
    ['colour', undefined],
    ['x', undefined],
  ])('suggests %s → %s', (input, expected) => expect(suggestName(input, keys)).toBe(expected));
});

describe('measureEditDistance', () => {
  it.each([
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['same', 'same', 0],
    ['tpye', 'type', 1],
  ])('%s ↔ %s = %i', (a, b, distance) => expect(measureEditDistance(a, b)).toBe(distance));
});
