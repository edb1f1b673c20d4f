/**
 * The activation contact's country or region. Users know a two-letter ISO 3166 code ("US") or
 * the English name; Windows' activation wizard lists English names ("United States", "Albania")
 * and Microsoft's own setup scripts pass those to Win32_TSLicenseServer.CountryRegion. Both
 * spellings resolve to the English name, which is what the licence server is sent.
 */
const NOT_COUNTRIES = new Set(['AC', 'CP', 'DG', 'EA', 'EU', 'EZ', 'IC', 'QO', 'TA', 'UN', 'XA', 'XB', 'ZZ']);

function buildCountryNames(): ReadonlyMap<string, string> {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const byCode = new Map<string, string>();
  for (const first of letters) {
    for (const second of letters) {
      const code = first + second;
      const name = names.of(code);
      if (name && name !== code && !NOT_COUNTRIES.has(code)) byCode.set(code, name);
    }
  }
  return byCode;
}

interface CountryNames {
  byCode: ReadonlyMap<string, string>;
  byLowerName: ReadonlyMap<string, string>;
}

// Built on first use: asking Intl for 676 region names costs tens of milliseconds, and most runs never look one up.
let countryNames: CountryNames | undefined;

function getCountryNames(): CountryNames {
  if (countryNames === undefined) {
    const byCode = buildCountryNames();
    countryNames = { byCode, byLowerName: new Map([...byCode.values()].map((name) => [name.toLowerCase(), name])) };
  }
  return countryNames;
}

/** The English country name Windows expects for an ISO code or a name, or undefined for an unknown one. */
export function activationCountryName(value: string): string | undefined {
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return getCountryNames().byCode.get(trimmed.toUpperCase());
  return getCountryNames().byLowerName.get(trimmed.toLowerCase());
}
