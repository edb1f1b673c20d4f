import { describe, expect, it } from 'vitest';
import { isRdsctlError } from '../model/rdsctl-error.js';
import { expandHostPattern, isHostPattern, tryExpandHostPattern } from './host-range.js';

describe('tryExpandHostPattern', () => {
  it.each([
    ['rdsh[01:03].corp.contoso.com', ['rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com', 'rdsh03.corp.contoso.com']],
    ['h[1:3]', ['h1', 'h2', 'h3']],
    ['h[8:11]', ['h8', 'h9', 'h10', 'h11']],
    ['h[08:11]', ['h08', 'h09', 'h10', 'h11']],
    ['h[001:002]', ['h001', 'h002']],
    ['h[0:1]', ['h0', 'h1']],
    ['h[5:5]', ['h5']],
    ['s[1:2]-r[1:2].x', ['s1-r1.x', 's1-r2.x', 's2-r1.x', 's2-r2.x']],
    ['plain.corp.contoso.com', ['plain.corp.contoso.com']],
  ])('expands %s', (pattern, names) => {
    expect(tryExpandHostPattern(pattern)).toEqual({ ok: true, names });
  });

  it.each([
    ['h[12:01]', 'range [12:01] counts down; write it as [01:12]'],
    ['h[0:999][0:999]', 'expands to 1,000,000 names, more than the limit of 100,000; split it'],
    ['h[1-3]', 'malformed range; write ranges as [01:12]'],
    ['h[1:3', 'malformed range; write ranges as [01:12]'],
  ])('refuses %s', (pattern, reason) => {
    expect(tryExpandHostPattern(pattern)).toEqual({ ok: false, reason });
  });

  it('allows exactly 100,000 names', () => {
    const expansion = tryExpandHostPattern('h[00000:99999]');
    expect(expansion.ok && [expansion.names.length, expansion.names[0], expansion.names.at(-1)]).toEqual([100_000, 'h00000', 'h99999']);
  });
});

describe('expandHostPattern', () => {
  it('returns the names of a valid pattern', () => {
    expect(expandHostPattern('k[1:2].x')).toEqual(['k1.x', 'k2.x']);
  });

  it('treats an invalid pattern as a bug, since validation reports them first', () => {
    let thrown: unknown;
    try {
      expandHostPattern('h[3:1]');
    } catch (error) {
      thrown = error;
    }
    expect(isRdsctlError(thrown) && [thrown.code, thrown.kind, thrown.message]).toEqual([
      'INTERNAL',
      'internal',
      'host pattern "h[3:1]": range [3:1] counts down; write it as [1:3]',
    ]);
  });
});

describe('isHostPattern', () => {
  it.each([
    ['rdsh[01:12].x', true],
    ['rdsh01.x', false],
    ['rdsh[a:b].x', false],
  ])('%s → %s', (text, expected) => expect(isHostPattern(text)).toBe(expected));
});
