/**
 * `--gpo NAME@DOMAIN`, repeatable. Without `@DOMAIN` the GPO is looked for in the domain the
 * named hosts share (their names after the first label), the common case of one domain.
 */
import { isValidHostName, shortHostName, canonicalHostName } from '../model/host-name.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import type { GpoRef } from '../providers/provider.js';

export function parseGpoFlags(values: readonly string[], hosts: readonly string[]): GpoRef[] {
  return values.map((value) => {
    const at = value.lastIndexOf('@');
    const name = (at < 0 ? value : value.slice(0, at)).trim();
    const domain = at < 0 ? sharedDomain(value, hosts) : value.slice(at + 1).trim();
    if (name === '' || !isValidHostName(domain) || !domain.includes('.')) {
      throw usage(`--gpo ${JSON.stringify(value)}: expected NAME@DOMAIN, e.g. "RDS Licensing - Finance@corp.contoso.com"`);
    }
    return { name, domain };
  });
}

function sharedDomain(value: string, hosts: readonly string[]): string {
  const domains = new Set(hosts.map(canonicalHostName).filter((host) => host.includes('.')).map((host) => host.slice(shortHostName(host).length + 1)));
  if (domains.size === 1) return [...domains][0] as string;
  throw usage(
    `--gpo ${JSON.stringify(value)}: no domain given, and the hosts ${domains.size === 0 ? 'name no domain' : `are in ${domains.size} domains`}`,
    'write --gpo "NAME@DOMAIN"',
  );
}

function usage(message: string, hint?: string): RdsctlError {
  return new RdsctlError({ code: 'USAGE', kind: 'user', message, ...(hint ? { hint } : {}) });
}
