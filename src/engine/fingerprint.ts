import { createHash } from 'node:crypto';
import type { Change } from '../model/change.js';
import { canonicalHostName } from '../model/host-name.js';
import type { LiveHost, LiveState } from '../model/live-state.js';

/**
 * Fingerprints of the live values a plan's changes were computed from: one per host or GPO
 * that has a change, so a saved plan can be refused when the estate moved on.
 */
export function computeFingerprints(changes: readonly Change[], live: LiveState): Record<string, string> {
  const fingerprints: Record<string, string> = {};
  for (const [key, values] of Object.entries(fingerprintedValues(changes, live))) fingerprints[key] = digest(values);
  return fingerprints;
}

/** The key a change's target is fingerprinted under: the host (lower-case) or `gpo:name`. */
export function fingerprintKey(target: Change['target']): string {
  return target.kind === 'host' ? canonicalHostName(target.host) : `gpo:${target.gpo.toLowerCase()}`;
}

/** The live values each fingerprint is a digest of, keyed like the fingerprints. */
export function fingerprintedValues(changes: readonly Change[], live: LiveState): Record<string, unknown> {
  const wanted = new Set(changes.map((change) => fingerprintKey(change.target)));
  const values: Record<string, unknown> = {};
  for (const host of live.hosts) {
    const key = canonicalHostName(host.host);
    if (wanted.has(key)) values[key] = withoutObservations(host);
  }
  for (const gpo of live.gpos) {
    const key = `gpo:${gpo.name.toLowerCase()}`;
    if (wanted.has(key)) values[key] = gpo;
  }
  return values;
}

/**
 * Probes, connectivity verdicts and events are observations for diagnosis, not values a
 * change is computed from; they move on their own and must not make a plan look stale.
 */
function withoutObservations(host: LiveHost): LiveHost {
  const { licenseServer, sessionHost } = host;
  return {
    ...host,
    licenseServer: licenseServer && { ...licenseServer, events: undefined },
    sessionHost: sessionHost && { ...sessionHost, probes: undefined, connectivity: undefined, events: undefined },
  };
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}
