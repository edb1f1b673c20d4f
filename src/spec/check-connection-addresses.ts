/** `connection.addresses` maps host names DNS does not know to IPv4 or IPv6 addresses. */
import { isIP } from 'node:net';
import type { Diagnostic } from '../model/diagnostic.js';
import { isValidHostName } from '../model/host-name.js';
import { quoteString } from './quote-value.js';
import { makeReferenceError, type ReferenceContext } from './reference-diagnostic.js';

export function checkConnectionAddresses(context: ReferenceContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [name, address] of Object.entries(context.spec.connection.addresses ?? {})) {
    const at = context.locate(['connection', 'addresses', name]);
    if (!isValidHostName(name)) {
      diagnostics.push(makeReferenceError({ at, summary: `expected a DNS host name (letters, digits, hyphens and dots) as the key, got ${quoteString(name)}` }));
    }
    if (isIP(address) === 0) {
      diagnostics.push(makeReferenceError({ at, summary: `expected an IPv4 or IPv6 address, got ${quoteString(address)}` }));
    }
  }
  return diagnostics;
}
