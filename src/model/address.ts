/**
 * Stable resource addresses. Every managed thing has one; it is used in plans, output,
 * `--target` and audit lines. Addresses are built here and nowhere else.
 *
 * | kind                       | address                                             |
 * |----------------------------|-----------------------------------------------------|
 * | licence server service     | `licenseServer[HOST].service`                       |
 * | licence server firewall    | `licenseServer[HOST].firewall`                      |
 * | licence server activation  | `licenseServer[HOST].activation`                    |
 * | licence server discovery   | `licenseServer[HOST].discovery`                     |
 * | key pack                   | `licenseServer[HOST].keyPack[NAME]`                 |
 * | unmanaged key packs        | `licenseServer[HOST].keyPack[~PRODUCT-TYPE-CHANNEL]` |
 * | issued per-device licence  | `licenseServer[HOST].issuedLicense[KEYPACK-LICENSE]` |
 * | session host licensing     | `sessionHost[HOST]`                                 |
 * | session host grace period  | `sessionHost[HOST].gracePeriod`                     |
 * | session host TermService   | `sessionHost[HOST].termService`                     |
 * | GPO policy values          | `gpo[NAME]`                                         |
 * | GPO link                   | `gpo[NAME].link[OU-DN]`                             |
 * | broker deployment licensing | `connectionBroker[HOST]`                           |
 *
 * Host names in addresses are lower-case.
 */
export type ResourceKind =
  | 'licenseServer.service'
  | 'licenseServer.firewall'
  | 'licenseServer.activation'
  | 'licenseServer.discovery'
  | 'licenseServer.keyPack'
  | 'licenseServer.issuedLicense'
  | 'sessionHost'
  | 'sessionHost.gracePeriod'
  | 'sessionHost.termService'
  | 'gpo'
  | 'gpo.link'
  | 'connectionBroker';

export type LicenseServerPart = 'service' | 'firewall' | 'activation' | 'discovery';

export function licenseServerAddress(host: string): string {
  return `licenseServer[${host.toLowerCase()}]`;
}

export function licenseServerPartAddress(host: string, part: LicenseServerPart): string {
  return `${licenseServerAddress(host)}.${part}`;
}

export function keyPackAddress(host: string, name: string): string {
  return `${licenseServerAddress(host)}.keyPack[${name}]`;
}

/** An issued licence is addressed by both of its keys (`KeyPackId`, `LicenseId`). */
export function issuedLicenseAddress(host: string, keyPackId: number, licenseId: number): string {
  return `${licenseServerAddress(host)}.issuedLicense[${keyPackId}-${licenseId}]`;
}

export function sessionHostAddress(host: string): string {
  return `sessionHost[${host.toLowerCase()}]`;
}

export function sessionHostPartAddress(host: string, part: 'gracePeriod' | 'termService'): string {
  return `${sessionHostAddress(host)}.${part}`;
}

/** An RD Connection Broker's deployment licensing settings (mode and licence servers). */
export function connectionBrokerAddress(host: string): string {
  return `connectionBroker[${host.toLowerCase()}]`;
}

export function gpoAddress(name: string): string {
  return `gpo[${name}]`;
}

export function gpoLinkAddress(name: string, ou: string): string {
  return `${gpoAddress(name)}.link[${ou}]`;
}

/**
 * True when `address` is selected by a `--target` value: the address itself or anything
 * nested under it (`licenseServer[x]` selects `licenseServer[x].keyPack[y]`). Host names
 * compare case-insensitively.
 */
export function isAddressSelectedBy(address: string, target: string): boolean {
  const a = normaliseAddressForMatch(address);
  const t = normaliseAddressForMatch(target);
  return a === t || a.startsWith(`${t}.`);
}

function normaliseAddressForMatch(address: string): string {
  return address.replace(/^(licenseServer|sessionHost|connectionBroker)\[([^\]]*)\]/, (_m, kind: string, host: string) => `${kind}[${host.toLowerCase()}]`);
}

const ADDRESS_PATTERN =
  /^(licenseServer\[[^\]]+\](\.(service|firewall|activation|discovery|keyPack\[[^\]]+\]|issuedLicense\[\d+-\d+\]))?|sessionHost\[[^\]]+\](\.(gracePeriod|termService))?|gpo\[[^\]]+\](\.link\[[^\]]+\])?|connectionBroker\[[^\]]+\])$/;

/** True when `value` has the shape of an address (used to validate `--target`). */
export function isWellFormedAddress(value: string): boolean {
  return ADDRESS_PATTERN.test(value);
}
