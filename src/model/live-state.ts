/**
 * Live state: what providers read from an estate. This is the contract every provider honours
 * (schema: `schemas/live-state.schema.json`); the same diff runs on all of them. A lab estate
 * file is a `LiveState` plus optional simulation-only `lab` fields, so `rdsctl show --json` of
 * a real estate can be replayed offline.
 *
 * Host names are stored as the provider reports them; compare them with `model/host-name.ts`.
 */
import type { CalType, DiscoveryScope, LicensingMode, OsVersion } from './spec.js';

/** A mode as a session host reports it; `notConfigured` is Windows' value 5. */
/**
 * Windows `LicensingType` named (windows-reference.md §1.3): 0 personal terminal server (legacy),
 * 1 Remote Desktop for Administration, 2/4 the spec's modes, 5 not configured, 6 Azure AD per user.
 */
export type LiveLicensingMode = LicensingMode | 'notConfigured' | 'personalTerminalServer' | 'remoteDesktopForAdministration' | 'azureAdPerUser';

export type ServiceRunState = 'running' | 'stopped' | 'paused' | 'starting' | 'stopping' | 'missing';

export type ActivationStatus = 'activated' | 'notActivated' | 'unknown';

/** Windows `KeyPackType`, named. Built-in and temporary packs never count as purchased capacity. */
export type KeyPackChannel =
  | 'unknown'
  | 'retail'
  | 'volume'
  | 'concurrent'
  | 'temporary'
  | 'open'
  | 'notSupported'
  | 'builtIn';

/** Windows `ProductType` named: 0 per device, 1 per user, 2 invalid, 3 built-in. */
export type LiveCalType = CalType | 'invalid' | 'builtIn';

export interface LiveKeyPack {
  /** Server-local identifier (`KeyPackId`). */
  keyPackId: number;
  /** Product version when rdsctl knows the id; absent for unknown ids (see `productVersionId`). */
  product?: OsVersion;
  /** Windows `ProductVersionID` as read; kept so unknown ids are reported, never dropped. */
  productVersionId: number;
  type: LiveCalType;
  channel: KeyPackChannel;
  /** Installed licences. Built-in/temporary packs may carry sentinel values. */
  total: number;
  /** Issued licences; per-user CALs can be over-issued (issued > total). */
  issued: number;
  available: number;
  /** ISO-8601 UTC. */
  expiresAt?: string;
  description?: string;
}

export interface LiveFirewallRule {
  /** Stable rule name, e.g. `TermServLicensing-In-TCP`. */
  name: string;
  /** Enabled in the local (persistent) store, the one rdsctl changes. */
  enabled: boolean;
  /** Enabled in the policy in effect (all stores merged, `-PolicyStore ActiveStore`); absent: as `enabled`. */
  effectiveEnabled?: boolean;
  /** `groupPolicy` when a GPO deploys this rule: its copy decides, and local changes do nothing. Absent: local. */
  owner?: 'local' | 'groupPolicy';
  /** The GPO's policy store (`PolicyStoreSource`, e.g. `corp.contoso.com\RDS Firewall`), when Group Policy owns the rule. */
  policyStore?: string;
}

/** A Windows Firewall profile. */
export type FirewallProfile = 'domain' | 'private' | 'public';

/** Where a firewall rule group stands; `partial` when some rules of the group are enabled and some are not. */
export type FirewallRuleGroupState = 'enabled' | 'disabled' | 'partial' | 'missing';

export interface LiveLicenseServer {
  activation: {
    status: ActivationStatus;
    /** True when FirstName, LastName, Company and CountryRegion are all set. */
    contactComplete?: boolean;
  };
  discovery: {
    scope: DiscoveryScope;
    /** Absent when the directory could not be asked (`directoryUnknown` says why). */
    publishedInAD?: boolean;
    /** Member of the Terminal Server License Servers group (S-1-5-32-561). */
    inLicenseServersGroup?: boolean;
    /** Why publication and group membership are unknown: the directory checks failed from this session. */
    directoryUnknown?: string;
    /** "License server security group" policy on: only hosts in RDS Endpoint Servers get CALs. */
    securityGroupEnforced?: boolean;
    /** Session hosts in the RDS Endpoint Servers group (when enforced). */
    endpointServers?: string[];
  };
  service: { state: ServiceRunState };
  firewall: {
    /** The group in the local (persistent) store, the one rdsctl changes. */
    ruleGroup: FirewallRuleGroupState;
    rules: LiveFirewallRule[];
    /** The group in the policy in effect (ActiveStore); absent: as `ruleGroup` (no Group Policy involved). */
    effectiveRuleGroup?: FirewallRuleGroupState;
    /** The active profiles (`Get-NetFirewallSetting -PolicyStore ActiveStore`), when read. */
    activeProfiles?: FirewallProfile[];
    /**
     * Active profiles in which Group Policy turns local rule merging off (`AllowLocalPolicyMerge` 0,
     * shown as `AllowLocalFirewallRules` False): local rules do not apply there. Absent: none.
     */
    localRulesIgnoredIn?: FirewallProfile[];
  };
  keyPacks: LiveKeyPack[];
  /** Set when the caller lacked rights and Windows returned empty data instead of an error. */
  accessDenied?: boolean;
  /** Recent licensing events on the licence server (windows-reference.md §6.2), when read. */
  events?: LiveEvent[];
  /** Issued per-device licences (`Win32_TSIssuedLicense`), at most the provider's read cap. */
  issuedLicenses?: LiveIssuedLicense[];
  /** Issued licences beyond the read cap: counted, not listed. */
  issuedLicensesOmitted?: number;
  /** Per-user CAL usage; only read when asked for, since generating it writes a report. */
  perUserReport?: LivePerUserReport;
  /** The report `GenerateReportEx` created that `DeleteReport` then failed to remove: delete it in RD Licensing Manager. */
  perUserReportLeftBehind?: string;
  /**
   * The licence server's install ledger, present only when it holds something to report: installs
   * it cannot explain, and revocations a killed run started and never finished.
   */
  installLedger?: { unexplained: LiveUnexplainedInstall[]; unsettledRevocations?: LiveUnsettledRevocation[] };
}

/** A `revokeStarted` without `revokeFinished`: the runner's intent, for "started, outcome unknown, now observed as …". */
export interface LiveUnsettledRevocation {
  /** The ledger entry's id, which a later run's `revokeObserved` names. */
  revokeId: string;
  /** The audit log's id of the change (the ledger entry's id when no runner intent was recorded). */
  intentId: string;
  /** ISO-8601 UTC. */
  at: string;
  address: string;
  keyPackId: number;
  licenseId: number;
  user: string;
  machine: string;
  ciRunId?: string;
  planDigest: string;
}

/** An install whose result Windows did not file as asked (or whose result was never recorded). */
export interface LiveUnexplainedInstall {
  id: string;
  /** ISO-8601 UTC; empty when the ledger line could not be read. */
  at: string;
  reason: string;
  method?: string;
  group?: { product: string; type: string; channel: string };
  /** The packs that grew, as Windows reports them. */
  filedAs?: { keyPackId: number; productVersionId: number; type: string; channel: string; added: number }[];
}

/** Windows `LicenseStatus` of an issued licence, named. */
export type IssuedLicenseStatus = 'unknown' | 'temporary' | 'active' | 'upgrade' | 'revoked' | 'pending' | 'concurrent';

/** One issued per-device CAL, addressed by both of its keys. */
export interface LiveIssuedLicense {
  keyPackId: number;
  licenseId: number;
  issuedToComputer?: string;
  issuedToUser?: string;
  /** ISO-8601 UTC. */
  issuedAt?: string;
  /** ISO-8601 UTC. */
  expiresAt?: string;
  status: IssuedLicenseStatus;
  /** The issued-to computer's account in Active Directory, when the provider read it (`reclaim.disabledInDirectory`). */
  computerAccount?: 'enabled' | 'disabled' | 'missing';
}

/** Per-user CAL usage (`Win32_TSLicenseReport.GenerateReportEx`, then its entries). */
export interface LivePerUserReport {
  /** ISO-8601 UTC. */
  generatedAt: string;
  entries: LivePerUserReportEntry[];
  /** Entries beyond the read cap: counted, not listed. */
  entriesOmitted?: number;
}

export interface LivePerUserReportEntry {
  user: string;
  product?: OsVersion;
  productVersionId: number;
  /** ISO-8601 UTC. */
  expiresAt?: string;
}

/** Domain membership (`Win32_ComputerSystem` `PartOfDomain`, `Domain`, `Workgroup`). */
export interface LiveDomainMembership {
  partOfDomain: boolean;
  /** DNS name of the domain, when joined. */
  domain?: string;
  /** Workgroup name, when not joined. */
  workgroup?: string;
}

/** A setting as a session host holds it in each layer, and which layer is in effect. */
export interface LayeredValue<T> {
  /** Value in the local (RCM / Server Manager) layer. */
  local: T;
  /** Value delivered by Group Policy, or null when no policy sets it. */
  policy: T | null;
  /** The value in effect: policy when present, else local. */
  effective: T;
  source: 'local' | 'policy';
}

export interface LiveEvent {
  id: number;
  log: string;
  /** ISO-8601 UTC. */
  time: string;
  message?: string;
}

export interface LiveSessionHost {
  /** RD Session Host role installed (`TerminalServerMode` = 1). */
  roleInstalled: boolean;
  licensingMode: LayeredValue<LiveLicensingMode>;
  /** Ordered list: the failover order. */
  licenseServers: LayeredValue<string[]>;
  /** `GetGracePeriodDays`; 0 = expired. */
  graceDaysLeft: number;
  termService: { state: ServiceRunState };
  activeSessions: number;
  /** The host's own verdict per licence server (`GetTStoLSConnectivityStatus`), keyed by name. */
  connectivity?: Record<string, LicenseServerConnectivity>;
  /** Distinguished name of the OU holding the computer account, when known. */
  ou?: string;
  events?: LiveEvent[];
  /**
   * Probes run from this host to each licence server it lists, keyed by the name as listed:
   * the evidence that explains a bad connectivity verdict. Absent when not probed.
   */
  probes?: Record<string, LicenseServerProbe>;
  /**
   * The RD Connection Broker whose deployment this host belongs to (`Win32_TSSessionDirectory`
   * `SessionDirectoryLocation` while `SessionDirectoryActive` is 1); absent when none.
   */
  connectionBroker?: string;
}

/**
 * An RD Connection Broker's deployment licensing (`Get-RDLicenseConfiguration`,
 * `Win32_TSDeploymentLicensing`), which it pushes to the session hosts of its deployment.
 */
export interface LiveConnectionBroker {
  licensingMode: LicensingMode | 'notConfigured';
  /** Ordered, as the broker holds it. */
  licenseServers: string[];
  /** `UseCentralLicensingSettings`: false means settings per server, and the broker pushes none. Absent when not read. */
  centralLicensing?: boolean;
  /** The deployment's RD Session Hosts (`Get-RDServer -Role RDS-RD-SERVER`). */
  sessionHosts: string[];
}

/** What a session host sees when it tries to reach one licence server. */
export interface LicenseServerProbe {
  /** The name resolved (DNS or hosts file). Always true for a server listed by address. */
  resolves: boolean;
  /** The address it resolved to. */
  address?: string;
  /** TCP 135 (RPC endpoint mapper) on the server answered. */
  rpcPort135: boolean;
}

export interface LicenseServerConnectivity {
  /** Raw status code 0–11; absent when the check gave no status (`CHECK_FAILED`). */
  code?: number;
  /** Constant name, e.g. `LS_CONNECTABLE_VALID_LS`, or `CHECK_FAILED`. */
  status: string;
  /** Only `LS_CONNECTABLE_VALID_LS` (11): the 2008-era `LS_CONNECTABLE_VALID_*` are not. */
  healthy: boolean;
  /** Why the check failed or ran out of its budget. */
  error?: string;
  /** The Windows error code of a failed check, when there is one. */
  windowsCode?: string;
}

export interface LiveHost {
  /** Name as the provider knows it (usually the FQDN). */
  host: string;
  os?: OsVersion;
  /** IPv4/IPv6 addresses of the host, used to match servers listed by address. */
  addresses?: string[];
  /** Domain membership, when read. */
  membership?: LiveDomainMembership;
  licenseServer?: LiveLicenseServer;
  sessionHost?: LiveSessionHost;
  /** Present when the host was read as an RD Connection Broker. */
  connectionBroker?: LiveConnectionBroker;
}

/** `GpoStatus` (Microsoft.GroupPolicy), named: which halves of the GPO apply. */
export type GpoStatus = 'allSettingsEnabled' | 'allSettingsDisabled' | 'computerSettingsDisabled' | 'userSettingsDisabled';

/** A trustee granted `GpoApply` on a GPO (its security filtering). */
export interface LiveGpoTrustee {
  /** Name as Windows resolves it, e.g. `Authenticated Users`, `CONTOSO\RDS Hosts`, `RDSH01$`. */
  name: string;
  /** SID, e.g. `S-1-5-11`; the name is localised, the SID is not. */
  sid?: string;
  /** `SidType` named: a well-known group (Authenticated Users) is a group. */
  type: 'user' | 'computer' | 'group' | 'unknown';
}

/** A GPO with a higher precedence at an OU where this GPO is linked, setting the same values. */
export interface LiveGpoOverride {
  /** The other GPO's display name. */
  gpo: string;
  /** The OU (distinguished name) where it takes precedence. */
  ou: string;
  /** The licensing values it sets there, which win over this GPO's. */
  settings: ('licensingMode' | 'licenseServers')[];
  /** The other GPO's link is enforced (it wins even over GPOs linked closer to the hosts). */
  enforced?: boolean;
}

export interface LiveGpo {
  name: string;
  domain: string;
  exists: boolean;
  links: string[];
  /** Policy `LicensingMode`, or null when the GPO does not set it. */
  licensingMode: LicensingMode | null;
  /** Policy `LicenseServers` split on commas, or null when not set. */
  licenseServers: string[] | null;
  /** `GpoStatus`; absent: all settings enabled. */
  status?: GpoStatus;
  /** Security filtering: the trustees granted `GpoApply`; absent: not read (the default, Authenticated Users). */
  applyTrustees?: LiveGpoTrustee[];
  /** Name of the WMI filter linked to the GPO; absent: none. A computer the query does not match skips the GPO. */
  wmiFilter?: string;
  /** Higher-precedence GPOs that set the same licensing values at the OUs this GPO is linked to; absent: none. */
  overriddenBy?: LiveGpoOverride[];
}

/** Why a host could not be read. Its resources are then unknown: nothing is planned for them. */
export interface HostError {
  host: string;
  code: 'HOST_UNREACHABLE' | 'HOST_TIMEOUT' | 'ACCESS_DENIED' | 'READ_FAILED' | 'INVALID_OUTPUT' | 'NOT_FOUND' | 'AUTH_FAILED' | 'HOST_KEY_MISMATCH';
  message: string;
  /** Which step failed, e.g. `read-license-server`. */
  step?: string;
  /** Windows error code when there is one, e.g. `0x80041016`. */
  windowsCode?: string;
}

export interface LiveState {
  formatVersion: 1;
  /** ISO-8601 time the state was read; absent in hand-written estates. */
  readAt?: string;
  hosts: LiveHost[];
  gpos: LiveGpo[];
  errors: HostError[];
}
