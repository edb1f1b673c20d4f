/**
 * Fixtures for the Windows test double (test/windows-double): one JSON state per host, the
 * address map used over SSH, and the per-host journal of changes the double was asked to make.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export type DoubleState = Record<string, unknown>;

export interface JournalEntry {
  command: string;
  [key: string]: unknown;
}

export interface DoubleDirectory {
  path: string;
  /** Environment for a local runner: module path and fixture directory. */
  environment: Record<string, string>;
  journal(host: string): Promise<JournalEntry[]>;
  state(host: string): Promise<DoubleState>;
  write(host: string, state: DoubleState): Promise<void>;
  /** The host's own ProgramData (install ledger, apply lock), as the double sets it for that host. */
  programData(host: string): string;
}

/** test/windows-double, found from here whether this file runs from test/ or compiled elsewhere. */
function findDoubleModulePath(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(directory, 'test', 'windows-double');
    if (existsSync(path.join(candidate, 'RdsctlWindowsDouble', 'RdsctlWindowsDouble.psd1'))) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('test/windows-double not found');
    directory = parent;
  }
}

export const DOUBLE_MODULE_PATH = findDoubleModulePath();

export const POLICY_KEY = 'SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';
export const LOCAL_MODE_KEY = 'SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM\\Licensing Core';
export const LOCAL_SERVERS_KEY = 'SYSTEM\\CurrentControlSet\\Services\\TermService\\Parameters\\LicenseServers';
export const GRACE_PERIOD_KEY = 'SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM\\GracePeriod';
export const GRACE_PERIOD_VALUE = 'L$RTMTIMEBOMB_1320153D-8DA3-4e8e-B27B-0D888223A588';

export async function createDoubleDirectory(hosts: Record<string, DoubleState>, addresses: Record<string, string> = {}): Promise<DoubleDirectory> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'rdsctl-double-'));
  await mkdir(path.join(directory, 'hosts'));
  await writeFile(path.join(directory, 'addresses.json'), JSON.stringify(addresses));
  const statePath = (host: string): string => path.join(directory, 'hosts', `${host}.json`);
  const write = (host: string, state: DoubleState): Promise<void> => writeFile(statePath(host), JSON.stringify(state, null, 2));
  for (const [host, state] of Object.entries(hosts)) await write(host, state);
  return {
    path: directory,
    environment: { RDSCTL_DOUBLE_DIR: directory, PSModulePath: [DOUBLE_MODULE_PATH, process.env.PSModulePath ?? ''].filter(Boolean).join(path.delimiter) },
    async journal(host) {
      try {
        const text = await readFile(path.join(directory, 'journal', `${host}.ndjson`), 'utf8');
        return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as JournalEntry);
      } catch {
        return [];
      }
    },
    async state(host) {
      return JSON.parse(await readFile(statePath(host), 'utf8')) as DoubleState;
    },
    write,
    programData: (host) => programDataOf(directory, host),
  };
}

/** As Set-DoubleProgramData names it: only safe characters of the host name name the folder. */
export function programDataOf(doubleDirectory: string, host: string): string {
  return path.join(doubleDirectory, 'programdata', host.replace(/[^A-Za-z0-9.-]/g, '_'));
}

const WS2022 = { BuildNumber: '20348', Caption: 'Microsoft Windows Server 2022 Datacenter' };

export function keyPack(fields: { id: number; versionId?: number; productType?: number; keyPackType?: number; total: number; issued?: number; available?: number; expires?: string; description?: string; productVersion?: string }): DoubleState {
  const pack: DoubleState = {
    KeyPackId: fields.id,
    ProductVersionID: fields.versionId ?? 7,
    ProductType: fields.productType ?? 1,
    KeyPackType: fields.keyPackType ?? 2,
    TotalLicenses: fields.total,
    IssuedLicenses: fields.issued ?? 0,
    AvailableLicenses: fields.available ?? Math.max(0, fields.total - (fields.issued ?? 0)),
  };
  if (fields.expires) pack.ExpirationDate = fields.expires;
  if (fields.description) pack.Description = fields.description;
  if (fields.productVersion) pack.ProductVersion = fields.productVersion;
  return pack;
}

/** The RD Licensing rules of a German host: Group is the (here localised) rule group the check reports. */
export const LICENSING_RULES = [
  { Name: 'TermServLicensing-In-TCP', DisplayName: 'Remotedesktoplizenzierungsserver (RPC)', Group: 'Remotedesktoplizenzierungsserver', Enabled: 'True' },
  { Name: 'TermServLicensing-RPCSS-In-TCP', DisplayName: 'Remotedesktoplizenzierungsserver (RPC-EPMAP)', Group: 'Remotedesktoplizenzierungsserver', Enabled: 'False' },
  { Name: 'TermServLicensing-NP-In-TCP', DisplayName: 'Remotedesktoplizenzierungsserver (NP eingehend)', Group: 'Remotedesktoplizenzierungsserver', Enabled: 'False' },
];

export function licenseServerState(overrides: { server?: DoubleState; keyPacks?: DoubleState[]; services?: Record<string, string>; firewallRules?: DoubleState[]; extra?: DoubleState } = {}): DoubleState {
  return {
    os: WS2022,
    addresses: ['10.0.0.11'],
    services: { TermServLicensing: 'Running', TermService: 'Running', ...overrides.services },
    licenseServer: {
      FirstName: 'Ops', LastName: 'Team', Company: 'Contoso Ltd', CountryRegion: 'US', ServerRole: 1,
      ProductId: '00490-92005-99454-AT527', Version: '10.0.20348', DatabasePath: 'C:\\Windows\\System32\\lserver',
      ActivationStatus: 0, Published: true, InTslsGroup: true, SecGroupEnabled: false,
      ...overrides.server,
    },
    keyPacks: overrides.keyPacks ?? [],
    firewallRules: overrides.firewallRules ?? LICENSING_RULES,
    terminalServiceSetting: { TerminalServerMode: 0, GraceDaysLeft: 0 },
    ...overrides.extra,
  };
}

export const RCM_PROVIDER = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager';
export const RCM_ADMIN = `${RCM_PROVIDER}/Admin`;
export const RCM_OPERATIONAL = `${RCM_PROVIDER}/Operational`;
export const LICENSING_PROVIDER = 'Microsoft-Windows-TerminalServices-Licensing';
export const LICENSING_OPERATIONAL = `${LICENSING_PROVIDER}/Operational`;

/** An ISO-8601 UTC time, whole seconds (as the scripts report it), `days` before now. */
export function daysAgo(days: number, now: number = Date.now()): string {
  return new Date(now - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An event log record as the double's Get-WinEvent serves it. */
export function winEvent(fields: { id: number; log: string; provider: string; time: string; message?: string }): DoubleState {
  const record: DoubleState = { Id: fields.id, LogName: fields.log, ProviderName: fields.provider, TimeCreated: fields.time };
  if (fields.message !== undefined) record.Message = fields.message;
  return record;
}

export interface ConnectivityAnswer {
  status?: number;
  delaySeconds?: number;
  cim?: string;
  message?: string;
  returnValue?: number;
}

export function sessionHostState(options: {
  localMode?: number;
  localServers?: string[];
  policyMode?: number;
  policyServers?: string;
  graceDaysLeft?: number;
  /**
   * Licence server -> the host's connectivity status code, or how its check answers: slowly
   * (`delaySeconds`, then `status`), with a CimException (`cim`: the MI result, `message`), or
   * with a non-zero `returnValue`. A server not listed answers 6 (LS_NOT_CONNECTABLE).
   */
  connectivity?: Record<string, number | ConnectivityAnswer>;
  remoteSessions?: number;
  /** Name -> address(es) the host's DNS answers; null: the name does not exist. */
  dns?: Record<string, string | string[] | null>;
  /** "address:port" -> whether a TCP test from this host succeeds (absent: it fails). */
  tcp?: Record<string, boolean>;
  events?: DoubleState[];
  extra?: DoubleState;
} = {}): DoubleState {
  const registry: Record<string, Record<string, unknown>> = {};
  if (options.localMode !== undefined) registry[LOCAL_MODE_KEY] = { LicensingMode: options.localMode };
  if (options.localServers) registry[LOCAL_SERVERS_KEY] = { SpecifiedLicenseServers: options.localServers };
  const policy: Record<string, unknown> = {};
  if (options.policyMode !== undefined) policy.LicensingMode = options.policyMode;
  if (options.policyServers !== undefined) policy.LicenseServers = options.policyServers;
  if (Object.keys(policy).length > 0) registry[POLICY_KEY] = policy;
  // As on Windows: the grace period's timebomb value, in a key that denies administrators.
  registry[GRACE_PERIOD_KEY] = { [GRACE_PERIOD_VALUE]: 'binary' };
  return {
    deniedKeys: [GRACE_PERIOD_KEY],
    os: WS2022,
    addresses: ['10.0.1.21'],
    services: { TermService: 'Running' },
    registry,
    terminalServiceSetting: { TerminalServerMode: 1, GraceDaysLeft: options.graceDaysLeft ?? 90, Connectivity: options.connectivity ?? {} },
    remoteSessions: options.remoteSessions ?? 0,
    dns: options.dns ?? {},
    tcp: options.tcp ?? {},
    events: options.events ?? [],
    ...options.extra,
  };
}

export function managementHostState(gpos: DoubleState[]): DoubleState {
  return { os: WS2022, addresses: ['10.0.0.2'], services: {}, gpos };
}
