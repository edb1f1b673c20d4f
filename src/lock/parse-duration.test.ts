import { describe, expect, it } from 'vitest';
import { describeDuration, parseDuration } from './parse-duration.js';

describe('parseDuration', () => {
  it.each([
    ['0', 0],
    ['500ms', 500],
    ['30s', 30_000],
    ['1.5s', 1500],
    ['5m', 300_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text, '--lock-timeout')).toBe(ms);
  });

  it.each(['', '30', '5 min', '-1s', 's', '1d'])('refuses %j naming the flag and the expected shape', (text) => {
    expect(() => parseDuration(text, '--lock-timeout')).toThrow(`--lock-timeout expects a duration such as 30s, 5m or 1m30s, got ${JSON.stringify(text)}`);
  });

  it('says durations the way messages do', () => {
    expect([describeDuration(250), describeDuration(1000), describeDuration(90_000), describeDuration(300_000)]).toEqual(['250 ms', '1 s', '90 s', '5 min']);
  });
});
