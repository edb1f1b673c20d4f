/** Refuses a spec whose totals are over the documented caps, naming the count and the limit. */
import type { Diagnostic } from '../model/diagnostic.js';
import { makeReferenceError, type ReferenceContext } from './reference-diagnostic.js';
import { countSessionHosts, formatCount as format, MAX_LICENSE_SERVERS_PER_SPEC, MAX_SESSION_HOSTS_PER_SPEC } from './spec-totals.js';

const HINT = 'split the estate into several specs (one per deployment); the limits are in docs/limits.md';

export function checkSpecTotals(context: ReferenceContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const hosts = countSessionHosts(context.spec);
  if (hosts > MAX_SESSION_HOSTS_PER_SPEC) {
    diagnostics.push(
      makeReferenceError({
        at: context.locate(['sessionHostPools']),
        summary: `the session host pools expand to ${format(hosts)} hosts, more than the limit of ${format(MAX_SESSION_HOSTS_PER_SPEC)} per spec`,
        hint: HINT,
      }),
    );
  }
  const servers = (context.spec.licenseServers ?? []).length + (context.spec.externalLicenseServers ?? []).length;
  if (servers > MAX_LICENSE_SERVERS_PER_SPEC) {
    diagnostics.push(
      makeReferenceError({
        at: context.locate(['licenseServers']),
        summary: `the spec declares ${format(servers)} licence servers, more than the limit of ${format(MAX_LICENSE_SERVERS_PER_SPEC)} per spec`,
        hint: HINT,
      }),
    );
  }
  return diagnostics;
}
