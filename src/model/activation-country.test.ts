import { describe, expect, it } from 'vitest';
import { activationCountryName } from './activation-country.js';

describe('activationCountryName', () => {
  it('resolves a two-letter code, in any case, to the English name Windows lists', () => {
    expect(activationCountryName('US')).toBe('United States');
    expect(activationCountryName(' de ')).toBe('Germany');
  });

  it('resolves an English name, in any case, to its own spelling', () => {
    expect(activationCountryName('united kingdom')).toBe('United Kingdom');
    expect(activationCountryName('Albania')).toBe('Albania');
  });

  it('knows no code that names no country, and no made-up name', () => {
    expect(activationCountryName('EU')).toBeUndefined();
    expect(activationCountryName('ZZ')).toBeUndefined();
    expect(activationCountryName('QQ')).toBeUndefined();
    expect(activationCountryName('European Union')).toBeUndefined();
    expect(activationCountryName('Atlantis')).toBeUndefined();
  });
});

describe('the country table', () => {
  it('spells every code as Intl does where this Node.js knows the code by the same name', () => {
    const intl = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    const agreeing = ['US', 'GB', 'DE', 'FR', 'JP', 'IN', 'BR', 'ZA', 'AU', 'CA'].filter((code) => intl.of(code) === activationCountryName(code));
    expect(agreeing).toHaveLength(10);
  });
});
