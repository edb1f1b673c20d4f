/**
 * Where a Windows estate keeps its apply lock: `connection.lockHost`, or else the first licence
 * server the spec manages, in sorted order, so that every runner with the same spec picks the
 * same host whatever order the spec lists them in.
 */
import { canonicalHostName } from '../../model/host-name.js';
import type { Spec } from '../../model/spec.js';

/** Where one deployment's apply lock lives. */
export interface WindowsLockPlace {
  deployment: string;
  /** connection.lockHost, or the first licence server the spec declares. */
  host: string;
}

export function lockHostOf(spec: Pick<Spec, 'connection' | 'licenseServers'>): string | undefined {
  if (spec.connection.lockHost !== undefined) return spec.connection.lockHost;
  const hosts = (spec.licenseServers ?? []).map((server) => canonicalHostName(server.host));
  return hosts.sort()[0];
}
