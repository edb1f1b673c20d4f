/**
 * Host names: validation and comparison. Names compare case-insensitively and without a
 * trailing dot; a short name matches an FQDN whose first label it is, and an address matches
 * a host that reports it. Validation is strict because host names reach scripts.
 */

/** Dot-separated labels of 1 to 63 letters, digits and hyphens, none starting or ending with a hyphen. */
const DNS_NAME = /^(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))*$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** True for a DNS host name (letters, digits, hyphens; dot-separated labels) or an IPv4 address. */
export function isValidHostName(name: string): boolean {
  if (IPV4.test(name)) return true;
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  if (trimmed.length === 0 || trimmed.length > 253) return false;
  // One pattern for the whole name: checked for every expanded host, so no array of labels.
  return DNS_NAME.test(trimmed);
}

export function isIpAddress(name: string): boolean {
  return IPV4.test(name) || name.includes(':');
}

/** Canonical form used as a map key: lower-case, no trailing dot. */
export function canonicalHostName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

export function shortHostName(name: string): string {
  const canonical = canonicalHostName(name);
  const dot = canonical.indexOf('.');
  return dot < 0 ? canonical : canonical.slice(0, dot);
}

export type HostNameMatch = 'same' | 'case' | 'shortName' | 'address' | 'different';

/**
 * How `listed` (a name as a host or GPO lists it) relates to `declared` (a name from the
 * spec). `addressesOfDeclared` are the addresses the declared host reports, if known.
 */
export function matchHostName(listed: string, declared: string, addressesOfDeclared: readonly string[] = []): HostNameMatch {
  if (listed === declared) return 'same';
  const a = canonicalHostName(listed);
  const b = canonicalHostName(declared);
  if (a === b) return 'case';
  if (!a.includes('.') && !isIpAddress(a) && a === shortHostName(b)) return 'shortName';
  if (isIpAddress(a) && addressesOfDeclared.some((addr) => addr.toLowerCase() === a)) return 'address';
  return 'different';
}
