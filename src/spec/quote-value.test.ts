import { describe, expect, it } from 'vitest';
import { quoteValue } from './quote-value.js';

describe('quoteValue', () => {
  it.each([
    ['many', '"many"'],
    ['rdsh01; Remove-Item C:\\', '"rdsh01; Remove-Item C:\\\\"'],
    ['a\nb\u0007', '"a\\nb\\u0007"'],
    ['x\u202ey\u200b', '"x\\u202ey\\u200b"'],
    ['x'.repeat(80), `"${'x'.repeat(59)}…"`],
  ])('quotes %j as %s', (value, shown) => expect(quoteValue(value)).toBe(shown));

  it.each([
    [5, '5'],
    [true, 'true'],
    [null, 'an empty value'],
    [[1], 'a list'],
    [{ a: 1 }, 'a mapping'],
  ])('describes %j as %s', (value, shown) => expect(quoteValue(value)).toBe(shown));
});
