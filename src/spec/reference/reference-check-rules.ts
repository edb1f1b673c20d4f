/**
 * The cross-reference checks of `validate-references.ts` in plain words, one entry per check
 * module. A test keeps this list and the `check-*.ts` modules in step.
 */
import { MAX_HOSTS_PER_PATTERN } from '../host-range.js';
import { MAX_LICENSE_SERVERS_PER_SPEC, MAX_SESSION_HOSTS_PER_SPEC } from '../spec-totals.js';

export interface ReferenceCheckRules {
  /** The module in `src/spec/` that carries out the checks, without extension. */
  readonly module: string;
  readonly heading: string;
  readonly rules: readonly string[];
}

export const REFERENCE_CHECK_RULES: readonly ReferenceCheckRules[] = [
  {
    module: 'check-spec-totals',
    heading: 'Totals stay within the limits',
    rules: [
      `All session host pools together name at most ${MAX_SESSION_HOSTS_PER_SPEC.toLocaleString('en-US')} hosts after ranges are expanded, counted before any name is made; over it, only this problem is reported.`,
      `A spec declares at most ${MAX_LICENSE_SERVERS_PER_SPEC.toLocaleString('en-US')} licence servers, declared and external together (docs/limits.md).`,
    ],
  },
  {
    module: 'check-control-characters',
    heading: 'Text holds no control characters',
    rules: [
      'No name or text value holds a C0 or C1 control character (ESC, CR …), DEL or a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069): shown in a plan, they could erase or hide lines. Tab and line feed are allowed.',
    ],
  },
  {
    module: 'check-declared-names',
    heading: 'Names are unique',
    rules: [
      'Licence server hosts, pool names and GPO names are each declared once, and key-pack names once per licence server (names compare ignoring case; host names also ignore a trailing dot).',
      'A licence server listed under `externalLicenseServers` is not also declared under `licenseServers`.',
    ],
  },
  {
    module: 'check-pool-hosts',
    heading: 'Session hosts expand and belong to one pool',
    rules: [
      `Every host range expands: ranges are well formed (\`[01:12]\`), count up, and name at most ${MAX_HOSTS_PER_PATTERN.toLocaleString('en-US')} hosts per entry.`,
      'Every name an entry expands to is a valid DNS host name.',
      'A session host is listed once, in one pool only; overlapping entries are reported once per pair of entries, with the names they share.',
    ],
  },
  {
    module: 'check-server-references',
    heading: 'Licence server lists name known servers, once each',
    rules: [
      'The `licenseServers` list of every pool and GPO names servers the spec knows: declared under `licenseServers` or listed under `externalLicenseServers`. A likely typo gets a suggestion.',
      'No list names a server twice (a licence-server list is a failover order); `externalLicenseServers` included.',
    ],
  },
  {
    module: 'check-pool-configuration',
    heading: 'One source of truth per setting',
    rules: [
      'A pool configured by a GPO names a GPO declared under `gpos`, and that GPO sets both `licensingMode` and `licenseServers`.',
      'A pool configured by a GPO does not set `licensingMode` or `licenseServers` itself.',
      'A pool configured by an RD Connection Broker (`configuredBy: { broker: HOST }`) sets both `licensingMode` and `licenseServers`, which apply converges at the broker, unless `licensingOwner: broker` says the broker owns them; then it sets neither. The pools of one broker share one owner and one mode and list, since a broker has one licensing configuration for its whole deployment.',
      'Workgroup pools (`workgroup: true`) are configured locally, because Group Policy cannot reach hosts outside a domain, and use `perDevice`, because per-user CALs cannot be tracked in a workgroup.',
    ],
  },
  {
    module: 'check-cal-coverage',
    heading: 'CALs can serve the hosts',
    rules: [
      'A licensing mode, of a GPO or of a local pool, has at least one key pack of the matching CAL type on the managed licence servers its list names (servers that are only external are not checked).',
      'A licence server whose `os` is given holds no key pack for a newer Windows Server version.',
      'A pool whose `os` is given has, among those matching key packs, at least one for its own Windows Server version or newer: a CAL serves hosts of its own version and older.',
    ],
  },
  {
    module: 'check-activation-country',
    heading: 'The activation country is one Windows knows',
    rules: ['An activation contact\'s `countryRegion` is a two-letter ISO 3166 code (`US`, in any case) or the English country name (`United States`); the licence server is sent the English name, as its activation wizard lists it.'],
  },
  {
    module: 'check-connection-addresses',
    heading: 'Connection addresses are addresses',
    rules: ['Every key of `connection.addresses` is a valid DNS host name and every value an IPv4 or IPv6 address.'],
  },
  {
    module: 'check-provider-settings',
    heading: 'The connection can work with its provider',
    rules: [
      'The `psrp-ssh` transport needs `connection.user` and `connection.keyFile`: PowerShell remoting over SSH logs in with a key, never a password. The `ssh` transport (the default of the `windows` provider) may take the user and key from your OpenSSH configuration or agent instead. Both refuse `connection.password`.',
      'The `winrm` transport takes `connection.user` and `connection.password` together, or neither (the current Windows identity); `keyFile` and `knownHostsFile` belong to `ssh` and `psrp-ssh` only.',
      'The `local` transport reaches no other machine: `user`, `password`, `keyFile`, `knownHostsFile` and `port` are refused.',
      'The `lab` provider reads only `estate` and `addresses`; settings of the `windows` provider are refused, and `estate` is refused with `windows`.',
      'With the `windows` provider, a spec that declares GPOs sets `connection.gpoManagementHost`, the host with the GroupPolicy module where GPOs are read and written.',
    ],
  },
  {
    module: 'check-remote-powershell',
    heading: 'Every remote PowerShell can be started',
    rules: [
      '`remotePowerShell` (on the connection, a licence server or a session host pool) is read only by the `ssh` transport of the `windows` provider; anywhere else it is refused.',
      'It is a program name that cmd.exe, PowerShell and a POSIX shell run the same way, since the host\'s OpenSSH server may start it in any of them: no spaces or quotes (`powershell.exe`, `pwsh`, `c:/progra~1/powershell/7/pwsh.exe`).',
    ],
  },
  {
    module: 'check-reclaim',
    heading: 'Retired devices name exactly which devices',
    rules: [
      'Every range in `reclaim.retiredDevices` counts up (`kiosk[01:20]`), and no entry is nothing but wildcards: `*` alone would retire every device.',
      'Each entry is listed once (entries compare ignoring case and a trailing dot).',
    ],
  },
];
