import { describe, expect, it } from 'vitest';
import { activationCountryName } from '../model/activation-country.js';
import { editSpec } from './fixtures/base-spec.js';
import { collectHints, collectProblems } from './fixtures/collect-problems.js';

const F = 'specs/rds.yaml';
const US = 'countryRegion: US }';

describe('checkActivationCountry', () => {
  it('accepts an ISO code in either case and the English name as the activation wizard lists it', () => {
    for (const country of ['US', 'de', 'United States', 'albania', '"United Kingdom"']) {
      expect(collectProblems(editSpec([US, `countryRegion: ${country} }`]))).toEqual([]);
    }
  });

  it('refuses an unknown country at its line and says what to write', () => {
    const text = editSpec([US, 'countryRegion: Atlantis }']);
    expect(collectProblems(text)).toEqual([
      `${F}:15:87: licenseServers[0].activation.contact.countryRegion: countryRegion "Atlantis" is not a country or region Windows activation knows`,
    ]);
    expect(collectHints(text)).toEqual([
      'write a two-letter ISO 3166 code (such as US or DE) or the English country name (such as United States or Germany)',
    ]);
  });

  it('refuses codes that name no country (EU, UN, ZZ)', () => {
    expect(['EU', 'UN', 'ZZ', 'XX'].map(activationCountryName)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('activationCountryName', () => {
  it('maps codes and names to the English name Windows expects', () => {
    expect(['US', 'gb', 'AL', 'KR', 'united states', ' Germany '].map(activationCountryName)).toEqual(['United States', 'United Kingdom', 'Albania', 'South Korea', 'United States', 'Germany']);
  });
});
