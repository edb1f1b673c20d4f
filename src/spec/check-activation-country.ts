/**
 * An activation contact's `countryRegion` must be a country Windows' activation wizard knows:
 * a two-letter ISO 3166 code or its English name. An unknown one would be sent to the
 * Clearinghouse as typed and fail the activation on the host.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { activationCountryName } from '../model/activation-country.js';
import { quoteString } from './quote-value.js';
import { makeReferenceError, type ReferenceContext } from './reference-diagnostic.js';

const HINT = 'write a two-letter ISO 3166 code (such as US or DE) or the English country name (such as United States or Germany)';

export function checkActivationCountry(context: ReferenceContext): Diagnostic[] {
  return (context.spec.licenseServers ?? []).flatMap((server, i): Diagnostic[] => {
    const country = server.activation?.contact?.countryRegion;
    if (typeof country !== 'string' || country.trim() === '' || activationCountryName(country) !== undefined) return [];
    return [makeReferenceError({
      at: context.locate(['licenseServers', i, 'activation', 'contact', 'countryRegion']),
      summary: `countryRegion ${quoteString(country)} is not a country or region Windows activation knows`,
      hint: HINT,
    })];
  });
}
