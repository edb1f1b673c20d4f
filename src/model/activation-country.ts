/**
 * The activation contact's country or region. Users know a two-letter ISO 3166 code ("US") or
 * the English name; Windows' activation wizard lists English names ("United States", "Albania")
 * and Microsoft's own setup scripts pass those to Win32_TSLicenseServer.CountryRegion. Both
 * spellings resolve to the English name, which is what the licence server is sent.
 */
import { COUNTRY_NAMES } from './country-names.js';

const byCode = new Map(Object.entries(COUNTRY_NAMES));
// Built on the first lookup by name: a code is the usual spelling.
let byLowerName: ReadonlyMap<string, string> | undefined;

/** The English country name Windows expects for an ISO code or a name, or undefined for an unknown one. */
export function activationCountryName(value: string): string | undefined {
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return byCode.get(trimmed.toUpperCase());
  byLowerName ??= new Map([...byCode.values()].map((name) => [name.toLowerCase(), name]));
  return byLowerName.get(trimmed.toLowerCase());
}
