/**
 * The spec as a user writes it (`rds.yaml`, `apiVersion: rdsctl/v1`), after JSON Schema
 * validation. Its JSON Schema is `schemas/rdsctl.schema.json`; the two are kept in agreement
 * by a test. Host lists may still contain ranges (`rdsh[01:12].corp.contoso.com`); expansion
 * into resources happens in `engine/expand-spec.ts`.
 */

/** A licensing mode as rdsctl names it. Windows encodes these as 2 (per device) and 4 (per user). */
export type LicensingMode = 'perUser' | 'perDevice';

/** The CAL type of a key pack. Windows `ProductType`: 0 = per device, 1 = per user. */
export type CalType = 'perUser' | 'perDevice';

/** Windows Server versions rdsctl knows, oldest first (order matters: see `os-version.ts`). */
export type OsVersion =
  | 'windowsServer2008'
  | 'windowsServer2008R2'
  | 'windowsServer2012'
  | 'windowsServer2016'
  | 'windowsServer2019'
  | 'windowsServer2022'
  | 'windowsServer2025';

/**
 * The licence programme a key pack was bought under. Agreement programmes map to
 * `InstallAgreementLicenseKeyPack` AgreementType 0–5; `open` and `retail` have their own calls.
 */
export type LicenseProgram =
  | 'select'
  | 'enterpriseAgreement'
  | 'campus'
  | 'school'
  | 'serviceProvider'
  | 'otherAgreement'
  | 'open'
  | 'retail';

/** A reference to a secret; the secret itself is resolved only by apply, before its first change. */
export interface SecretRef {
  /** Name of an environment variable holding the secret. */
  env?: string;
  /** Path of a file holding the secret (relative to the spec file). Trailing whitespace is ignored. */
  file?: string;
}

export interface ActivationContact {
  firstName: string;
  lastName: string;
  company: string;
  /** Country or region, as a two-letter ISO 3166 code or the name Windows shows. */
  countryRegion: string;
  email?: string;
}

export interface ActivationSpec {
  state: 'activated';
  /** Only automatic activation can be converged; web and telephone activation are manual steps. */
  method: 'automatic';
  contact: ActivationContact;
}

export type DiscoveryScope = 'workgroup' | 'domain' | 'forest';

export interface DiscoverySpec {
  scope: DiscoveryScope;
  /** Publish the licence server in Active Directory (PublishLS). */
  publishInAD?: boolean;
}

export type ServiceState = 'running' | 'stopped';

export interface FirewallSpec {
  ruleGroup: 'enabled' | 'disabled';
}

export interface KeyPackSpec {
  /** Spec-local name, unique per licence server; used in the address `keyPack[NAME]`. */
  name: string;
  program: LicenseProgram;
  /** Agreement / enrollment number (agreement programmes). */
  agreementNumber?: SecretRef;
  /** Open licence number (`open`). */
  licenseNumber?: SecretRef;
  /** Open authorisation number (`open`). */
  authorizationNumber?: SecretRef;
  /** 25-character retail licence code (`retail`); single use. */
  retailKey?: SecretRef;
  product: OsVersion;
  type: CalType;
  quantity: number;
}

export interface LicenseServerSpec {
  host: string;
  /** The licence server's own OS; it cannot hold CALs newer than itself. */
  os?: OsVersion;
  activation?: ActivationSpec;
  discovery?: DiscoverySpec;
  service?: ServiceState;
  firewall?: FirewallSpec;
  keyPacks?: KeyPackSpec[];
  /** ssh transport: the PowerShell this host runs the scripts with (default `connection.remotePowerShell`). */
  remotePowerShell?: string;
}

/**
 * Who carries the licensing settings of an RD Connection Broker deployment's pool:
 * `rdsctl` (the default) converges the broker's deployment settings to the pool's
 * `licensingMode` and `licenseServers`; `broker` leaves them to the broker, and rdsctl sets
 * neither on the broker nor on its session hosts.
 */
export type BrokerLicensingOwner = 'rdsctl' | 'broker';

/** A pool whose hosts belong to an RD Connection Broker deployment: the broker pushes mode and servers to them. */
export interface BrokerReference {
  /** The RD Connection Broker (FQDN). */
  broker: string;
  licensingOwner?: BrokerLicensingOwner;
}

export type ConfiguredBy = 'local' | { gpo: string } | BrokerReference;

export interface GracePeriodSpec {
  /** Reset the grace period on hosts where it has expired (unsupported workaround; guarded). */
  resetWhenExpired: boolean;
}

export interface SessionHostPoolSpec {
  name: string;
  /** Host names and ranges such as `rdsh[01:12].corp.contoso.com`. */
  hosts: string[];
  configuredBy: ConfiguredBy;
  /** Session hosts' OS; CALs must be of this version or newer. */
  os?: OsVersion;
  /** True for hosts that are not domain members: per-user licensing cannot be tracked there. */
  workgroup?: boolean;
  /** Local and broker pools (converged at the broker); a GPO pool takes these from its GPO. */
  licensingMode?: LicensingMode;
  /** Local and broker pools. Ordered: the failover order the hosts try. */
  licenseServers?: string[];
  /** Restart TermService after rdsctl changes a host's licensing (drops sessions; guarded). */
  restartTermServiceAfterChange?: boolean;
  gracePeriod?: GracePeriodSpec;
  /** ssh transport: the PowerShell the pool's hosts run the scripts with (default `connection.remotePowerShell`). */
  remotePowerShell?: string;
}

export interface GpoSpec {
  name: string;
  domain: string;
  /** Distinguished names of the OUs the GPO is linked to. */
  links?: string[];
  licensingMode?: LicensingMode;
  /** Ordered failover list written to the `LicenseServers` policy value. */
  licenseServers?: string[];
}

export interface PolicyAllowSpec {
  gracePeriodReset?: boolean;
  keyPackRemoval?: boolean;
  serviceRestart?: boolean;
  modeChangeWithActiveSessions?: boolean;
  /** Revoke per-device CALs still held by devices that are gone (`reclaim`); a revocation cannot be undone. */
  calRevocation?: boolean;
}

export interface PolicySpec {
  minFreeCals?: number;
  graceWarningDays?: number;
  /** The audit log file, relative to the spec; default `.rdsctl/audit.jsonl`. */
  auditLog?: string;
  allow?: PolicyAllowSpec;
}

/**
 * Reclaiming per-device CALs held by devices that are gone. Only per-device CALs can be revoked,
 * only while they are still valid (an expired one is free already), and Windows limits how many.
 */
export interface ReclaimSpec {
  /** Devices that are gone: names (`kiosk07`, `kiosk07.corp.contoso.com`), ranges (`kiosk[01:20]`) or `*` wildcards (`thin-old-*`). */
  retiredDevices?: string[];
  /** Also reclaim CALs of devices whose computer account is disabled or deleted in Active Directory. */
  disabledInDirectory?: boolean;
}

export type ProviderName = 'lab' | 'windows';
/**
 * `ssh`: plain OpenSSH exec of Windows PowerShell on the host (nothing but what Windows ships);
 * `psrp-ssh`: PowerShell 7 remoting over SSH (the host needs pwsh and its `powershell` subsystem);
 * `winrm`: PowerShell remoting over WinRM; `local`: this machine.
 */
export type TransportName = 'local' | 'ssh' | 'psrp-ssh' | 'winrm';

export interface ConnectionSpec {
  provider: ProviderName;
  /** Lab only: the simulated estate file (relative to the spec). */
  estate?: string;
  transport?: TransportName;
  user?: string;
  password?: SecretRef;
  /** SSH private key file for the ssh transport. */
  keyFile?: string;
  /** known_hosts file checked by the ssh transport. */
  knownHostsFile?: string;
  port?: number;
  /** Host name → address for names DNS does not know. */
  addresses?: Record<string, string>;
  /** Management host with the GroupPolicy module; GPO reads and writes run there. */
  gpoManagementHost?: string;
  /**
   * Windows: the host that keeps the apply lock (a file under its ProgramData). Default: the
   * first licence server the spec declares, in sorted order; required when it declares none.
   */
  lockHost?: string;
  /** Per-host timeout in seconds. */
  timeoutSeconds?: number;
  /** ssh transport: the PowerShell the host runs the scripts with (default `powershell.exe`). */
  remotePowerShell?: string;
  /** ssh transport: seconds to wait for the SSH connection itself (default 10). */
  connectTimeoutSeconds?: number;
  /** winrm transport: connect over HTTPS (`-UseSSL`, port 5986 unless `port` says otherwise). */
  useSsl?: boolean;
  /**
   * windows provider: the account used inside the host session for directory writes (the
   * licence server's membership of Terminal Server License Servers), since the session's own
   * logon carries no credentials to a domain controller. Resolved only by apply.
   */
  directoryCredential?: DirectoryCredentialSpec;
}

/** A directory account: `user` as DOMAIN\\name or name@domain, its password a secret reference. */
export interface DirectoryCredentialSpec {
  user: string;
  password: SecretRef;
}

export interface Spec {
  apiVersion: 'rdsctl/v1';
  deployment: string;
  connection: ConnectionSpec;
  policy?: PolicySpec;
  licenseServers?: LicenseServerSpec[];
  /** Licence servers referenced by pools or GPOs that this spec does not manage. */
  externalLicenseServers?: string[];
  sessionHostPools?: SessionHostPoolSpec[];
  gpos?: GpoSpec[];
  reclaim?: ReclaimSpec;
}
