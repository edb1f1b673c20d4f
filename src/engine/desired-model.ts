/**
 * The desired model: the spec expanded into one entry per managed thing, with defaults
 * filled in and host ranges expanded. Pure data derived from a validated spec.
 */
import type { BrokerLicensingOwner, KeyPackSpec, LicenseServerSpec, LicensingMode, OsVersion, PolicyAllowSpec } from '../model/spec.js';

export interface ResolvedPolicy {
  minFreeCals: number;
  graceWarningDays: number;
  allow: Required<PolicyAllowSpec>;
}

/** A licence server as the spec declares it, with its key-pack list always present. */
export interface DesiredLicenseServer extends Omit<LicenseServerSpec, 'keyPacks'> {
  keyPacks: readonly KeyPackSpec[];
}

/** Where a session host's licensing settings come from. */
export type DesiredHostSettings =
  | { kind: 'local'; licensingMode: LicensingMode; licenseServers: readonly string[] }
  | { kind: 'gpo'; gpo: string }
  /** The broker pushes them; with owner `rdsctl` the values are converged at the broker. */
  | { kind: 'broker'; broker: string; owner: BrokerLicensingOwner; licensingMode?: LicensingMode; licenseServers?: readonly string[] };

export interface DesiredSessionHost {
  host: string;
  pool: string;
  os?: OsVersion;
  workgroup: boolean;
  settings: DesiredHostSettings;
  restartTermServiceAfterChange: boolean;
  resetGraceWhenExpired: boolean;
}

export interface DesiredGpo {
  name: string;
  domain: string;
  links: readonly string[];
  licensingMode?: LicensingMode;
  licenseServers?: readonly string[];
  /** Pools configured by this GPO. */
  pools: readonly string[];
}

/** An RD Connection Broker the spec declares (`configuredBy: { broker }`), with the deployment settings it should push. */
export interface DesiredConnectionBroker {
  host: string;
  owner: BrokerLicensingOwner;
  /** Absent when the broker owns them (`licensingOwner: broker`). */
  licensingMode?: LicensingMode;
  licenseServers?: readonly string[];
  /** Pools of its deployment. */
  pools: readonly string[];
}

/** `reclaim` with its defaults: nothing is reclaimed unless the spec says so. */
export interface DesiredReclaim {
  retiredDevices: readonly string[];
  disabledInDirectory: boolean;
}

export interface DesiredModel {
  deployment: string;
  policy: ResolvedPolicy;
  licenseServers: readonly DesiredLicenseServer[];
  externalLicenseServers: readonly string[];
  sessionHosts: readonly DesiredSessionHost[];
  gpos: readonly DesiredGpo[];
  connectionBrokers: readonly DesiredConnectionBroker[];
  reclaim: DesiredReclaim;
  /** True when the spec names `connection.directoryCredential`: directory writes can then be automated on Windows. */
  hasDirectoryCredential?: boolean;
}
