/**
 * `--target` values checked against the spec before anything is read: a target that selects
 * nothing is an error with the spec's real addresses suggested; a short host name resolves to
 * the one declared host it names, or is refused with the full names; a session host configured
 * by a GPO brings its GPO along, since that is where its values are changed.
 */
import type { DesiredModel } from '../engine/desired-model.js';
import {
  gpoAddress,
  gpoLinkAddress,
  isAddressSelectedBy,
  keyPackAddress,
  licenseServerAddress,
  licenseServerPartAddress,
  sessionHostAddress,
  sessionHostPartAddress,
} from '../model/address.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { canonicalHostName, isIpAddress, shortHostName } from '../model/host-name.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import { summariseHostNames } from '../render/compact-host-names.js';
import { suggestName } from '../spec/suggest-name.js';

export interface ResolvedTargets {
  targets: string[];
  /** What the plan says about the targeting: that it is in effect, and what was pulled in. */
  diagnostics: Diagnostic[];
}

const HOST_TARGET = /^(licenseServer|sessionHost)\[([^\]]+)\](.*)$/;

export function resolveTargets(values: readonly string[], desired: DesiredModel): ResolvedTargets {
  if (values.length === 0) return { targets: [], diagnostics: [] };
  const known = listAddresses(desired);
  const targets: string[] = [];
  const notes: Diagnostic[] = [];
  for (const value of values) {
    const target = expandShortName(value, desired);
    if (!known.some((address) => isAddressSelectedBy(address, target)) && !isLiveOnlyAddress(target, known)) throw targetNotFound(value, known, desired);
    targets.push(target);
  }
  for (const host of desired.sessionHosts) {
    if (host.settings.kind !== 'gpo') continue;
    const address = sessionHostAddress(host.host);
    const gpo = gpoAddress(host.settings.gpo);
    if (!targets.some((target) => isAddressSelectedBy(address, target)) || targets.some((target) => isAddressSelectedBy(gpo, target))) continue;
    targets.push(gpo);
    notes.push({
      severity: 'info',
      code: 'TARGET_INCLUDES_GPO',
      summary: `${gpo} is included: ${address} takes its licensing settings from it (pool ${JSON.stringify(host.pool)})`,
      address: gpo,
    });
  }
  const targeting: Diagnostic = {
    severity: 'warning',
    code: 'TARGETING',
    summary: `Resource targeting is in effect: only ${targets.join(', ')} and what they depend on are planned, so the plan may be incomplete.`,
  };
  return { targets, diagnostics: [targeting, ...notes] };
}

function listAddresses(desired: DesiredModel): string[] {
  const addresses: string[] = [];
  for (const server of desired.licenseServers) {
    addresses.push(licenseServerAddress(server.host));
    for (const part of ['service', 'firewall', 'activation', 'discovery'] as const) addresses.push(licenseServerPartAddress(server.host, part));
    for (const pack of server.keyPacks) addresses.push(keyPackAddress(server.host, pack.name));
  }
  for (const host of desired.sessionHosts) {
    addresses.push(sessionHostAddress(host.host), sessionHostPartAddress(host.host, 'gracePeriod'), sessionHostPartAddress(host.host, 'termService'));
  }
  for (const gpo of desired.gpos) {
    addresses.push(gpoAddress(gpo.name), ...gpo.links.map((ou) => gpoLinkAddress(gpo.name, ou)));
  }
  return addresses;
}

/**
 * Addresses only live state knows, on a server the spec declares: `keyPack[~PRODUCT-TYPE-CHANNEL]`
 * (licences the spec does not declare) and `issuedLicense[KEYPACK-LICENSE]` (a revocation).
 */
function isLiveOnlyAddress(target: string, known: readonly string[]): boolean {
  const match = /^(licenseServer\[[^\]]+\])\.(keyPack\[~[^\]]+\]|issuedLicense\[\d+-\d+\])$/.exec(target);
  return match !== null && known.some((address) => isAddressSelectedBy(address, match[1] as string));
}

function hostsOfKind(kind: string, desired: DesiredModel): string[] {
  return (kind === 'licenseServer' ? desired.licenseServers : desired.sessionHosts).map((entry) => canonicalHostName(entry.host));
}

function expandShortName(value: string, desired: DesiredModel): string {
  const match = HOST_TARGET.exec(value);
  if (match === null) return value;
  const [, kind, host, rest] = match as unknown as [string, string, string, string];
  if (host.includes('.') || isIpAddress(host)) return value;
  const candidates = hostsOfKind(kind, desired).filter((name) => shortHostName(name) === host.toLowerCase());
  if (candidates.length === 1) return `${kind}[${candidates[0]}]${rest}`;
  if (candidates.length > 1) {
    throw new RdsctlError({
      code: 'TARGET_NOT_FOUND',
      kind: 'user',
      message: `--target ${value}: the short name ${JSON.stringify(host)} matches ${candidates.length} hosts in the spec`,
      hint: `give the full name: ${candidates.map((name) => `${kind}[${name}]${rest}`).join(' or ')}`,
    });
  }
  return value;
}

function targetNotFound(value: string, known: readonly string[], desired: DesiredModel): RdsctlError {
  const suggestion = suggestName(value, known);
  const kind = HOST_TARGET.exec(value)?.[1];
  let hint = suggestion === undefined ? undefined : `did you mean ${suggestion}?`;
  if (hint === undefined && kind !== undefined) {
    const hosts = hostsOfKind(kind, desired);
    hint = hosts.length === 0 ? `the spec declares no ${kind === 'licenseServer' ? 'licence servers' : 'session hosts'}` : `the spec's ${kind === 'licenseServer' ? 'licence servers' : 'session hosts'}: ${summariseHostNames(hosts)}`;
  }
  if (hint === undefined && value.startsWith('gpo[')) {
    hint = desired.gpos.length === 0 ? 'the spec declares no GPOs' : `the spec's GPOs: ${desired.gpos.map((gpo) => gpoAddress(gpo.name)).join(', ')}`;
  }
  return new RdsctlError({
    code: 'TARGET_NOT_FOUND',
    kind: 'user',
    message: `--target ${value} selects nothing in the spec`,
    hint: hint ?? 'addresses are listed in the plan output and in README "Addresses"',
  });
}
