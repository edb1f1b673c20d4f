/**
 * Live state (and the spec, when there is one) indexed for the rules: hosts by any name a
 * session host may list them by (FQDN, short name, address), read errors, the spec entries
 * that declare each host, and their paths in the spec for locations. Built once per run.
 */
import type { DesiredLicenseServer, DesiredSessionHost } from '../engine/desired-model.js';
import { canonicalHostName, shortHostName } from '../model/host-name.js';
import type { HostError, LiveHost } from '../model/live-state.js';
import type { LicensingMode } from '../model/spec.js';
import type { SpecPath } from '../spec/loaded-spec.js';
import type { DoctorInput } from './doctor-input.js';

export interface EstateView {
  readonly hosts: readonly LiveHost[];
  readonly licenseServers: readonly LiveHost[];
  readonly sessionHosts: readonly LiveHost[];
  readonly errors: readonly HostError[];
  /** A host by FQDN, unambiguous short name or address. */
  host(name: string): LiveHost | undefined;
  error(name: string): HostError | undefined;
  desiredSessionHost(name: string): DesiredSessionHost | undefined;
  desiredLicenseServer(name: string): DesiredLicenseServer | undefined;
  /** The mode and licence servers the spec intends for a session host (from its pool or its pool's GPO). */
  intendedSettings(name: string): IntendedSettings | undefined;
  licenseServerSpecPath(name: string): SpecPath | undefined;
  poolSpecPath(pool: string): SpecPath | undefined;
  gpoSpecPath(name: string): SpecPath | undefined;
  /** Licence servers a host with no list could find through AD (published, domain or forest scope). */
  readonly discoverableServers: readonly LiveHost[];
}

export interface IntendedSettings {
  /** Absent when the pool's GPO does not set it. */
  licensingMode?: LicensingMode;
  /** Absent when the pool's GPO does not set it. */
  licenseServers?: readonly string[];
  /** Where apply converges them. */
  source: { kind: 'local' } | { kind: 'gpo'; gpo: string } | { kind: 'broker'; broker: string };
}

const AMBIGUOUS = null;

export function createEstateView(input: DoctorInput): EstateView {
  const { live, desired, spec } = input;
  const byName = new Map<string, LiveHost | typeof AMBIGUOUS>();
  const byShort = new Map<string, LiveHost | typeof AMBIGUOUS>();
  for (const host of live.hosts) {
    byName.set(canonicalHostName(host.host), host);
    const short = shortHostName(host.host);
    byShort.set(short, byShort.has(short) ? AMBIGUOUS : host);
    for (const address of host.addresses ?? []) byName.set(address.toLowerCase(), host);
  }
  const errors = new Map(live.errors.map((error) => [canonicalHostName(error.host), error] as const));
  const desiredHosts = new Map((desired?.sessionHosts ?? []).map((entry) => [canonicalHostName(entry.host), entry] as const));
  const desiredServers = new Map((desired?.licenseServers ?? []).map((entry) => [canonicalHostName(entry.host), entry] as const));
  const licenseServers = live.hosts.filter((host) => host.licenseServer !== undefined);
  const desiredGpos = new Map((desired?.gpos ?? []).map((gpo) => [gpo.name.toLowerCase(), gpo] as const));

  const host = (name: string): LiveHost | undefined => {
    const key = canonicalHostName(name);
    const found = byName.get(key) ?? (key.includes('.') ? undefined : byShort.get(key));
    return found ?? undefined;
  };
  const indexOf = <T>(items: readonly T[] | undefined, matches: (item: T) => boolean): number => items?.findIndex(matches) ?? -1;

  return {
    hosts: live.hosts,
    licenseServers,
    sessionHosts: live.hosts.filter((entry) => entry.sessionHost !== undefined),
    errors: live.errors,
    host,
    error: (name) => errors.get(canonicalHostName(name)) ?? errors.get(canonicalHostName(host(name)?.host ?? name)),
    desiredSessionHost: (name) => desiredHosts.get(canonicalHostName(name)),
    intendedSettings: (name) => {
      const settings = desiredHosts.get(canonicalHostName(name))?.settings;
      if (!settings) return undefined;
      if (settings.kind === 'local') return { licensingMode: settings.licensingMode, licenseServers: settings.licenseServers, source: { kind: 'local' } };
      if (settings.kind === 'broker') {
        return {
          ...(settings.licensingMode ? { licensingMode: settings.licensingMode } : {}),
          ...(settings.licenseServers ? { licenseServers: settings.licenseServers } : {}),
          source: { kind: 'broker', broker: settings.broker },
        };
      }
      const gpo = desiredGpos.get(settings.gpo.toLowerCase());
      return {
        ...(gpo?.licensingMode ? { licensingMode: gpo.licensingMode } : {}),
        ...(gpo?.licenseServers ? { licenseServers: gpo.licenseServers } : {}),
        source: { kind: 'gpo', gpo: settings.gpo },
      };
    },
    desiredLicenseServer: (name) => desiredServers.get(canonicalHostName(host(name)?.host ?? name)) ?? desiredServers.get(canonicalHostName(name)),
    licenseServerSpecPath: (name) => {
      const wanted = canonicalHostName(host(name)?.host ?? name);
      const index = indexOf(spec?.licenseServers, (entry) => canonicalHostName(entry.host) === wanted);
      return index < 0 ? undefined : ['licenseServers', index];
    },
    poolSpecPath: (pool) => {
      const index = indexOf(spec?.sessionHostPools, (entry) => entry.name === pool);
      return index < 0 ? undefined : ['sessionHostPools', index];
    },
    gpoSpecPath: (name) => {
      const index = indexOf(spec?.gpos, (entry) => entry.name.toLowerCase() === name.toLowerCase());
      return index < 0 ? undefined : ['gpos', index];
    },
    discoverableServers: licenseServers.filter(
      (server) => server.licenseServer?.discovery.publishedInAD === true && server.licenseServer.discovery.scope !== 'workgroup',
    ),
  };
}
