/**
 * The basis of a change: exactly the live values it was computed from, per change kind, so a
 * saved plan goes stale when one of them moves and only then (docs/saved-plans.md).
 *
 * | change kind                              | basis                                              |
 * |------------------------------------------|----------------------------------------------------|
 * | key pack (install or removal)            | installed totals of its (product, type, channel)   |
 * | issued licence (revocation)              | that licence record, found by both its keys        |
 * | session host mode and server list        | local and policy values, and which is in effect    |
 * | session host grace period                | the grace days left                                |
 * | session host or licensing service        | the service state                                  |
 * | licence server firewall                  | the rule group state and its rules                 |
 * | licence server activation                | the activation state                               |
 * | licence server discovery                 | scope, publication and group membership            |
 * | GPO values                               | the GPO's existence, values and links              |
 * | GPO link                                 | the GPO's existence and links                      |
 *
 * Observations (probes, connectivity verdicts, events), issued and available counts, and
 * resources no change touches are never part of a basis. Pure: no I/O.
 */
import type { Change } from '../model/change.js';
import type { LiveGpo, LiveHost, LiveIssuedLicense, LiveLicenseServer } from '../model/live-state.js';
import type { KeyPackGroup } from '../model/operation.js';
import { groupKey, installedByGroup } from './key-pack-groups.js';

/** A change's basis, shaped like the live host or GPO it was read from (`licenseServer.firewall`, …). */
export type ChangeBasis = Record<string, unknown>;

/** The basis of one change; `undefined` when its host or GPO was not read. */
export function basisOfChange(change: Change, host: LiveHost | undefined, gpo: LiveGpo | undefined): ChangeBasis | undefined {
  if (change.target.kind === 'gpo') return gpo === undefined ? undefined : gpoBasis(change, gpo);
  return host === undefined ? undefined : hostBasis(change, host);
}

function hostBasis(change: Change, host: LiveHost): ChangeBasis {
  const server = host.licenseServer;
  const session = host.sessionHost;
  switch (change.resource) {
    case 'licenseServer.keyPack':
      return { licenseServer: { installedLicences: installedTotals(change, host) } };
    case 'licenseServer.issuedLicense':
      return { licenseServer: { issuedLicense: issuedLicenseOf(change, server) ?? null } };
    case 'licenseServer.service':
      return { licenseServer: { service: server?.service } };
    case 'licenseServer.firewall':
      return { licenseServer: { firewall: server?.firewall } };
    case 'licenseServer.activation':
      return { licenseServer: { activation: server?.activation } };
    case 'licenseServer.discovery':
      return { licenseServer: { discovery: server?.discovery } };
    case 'sessionHost':
      return { sessionHost: { licensingMode: session?.licensingMode, licenseServers: session?.licenseServers } };
    case 'sessionHost.gracePeriod':
      return { sessionHost: { graceDaysLeft: session?.graceDaysLeft } };
    case 'sessionHost.termService':
      return { sessionHost: { termService: session?.termService } };
    case 'connectionBroker':
      return { connectionBroker: { licensingMode: host.connectionBroker?.licensingMode, licenseServers: host.connectionBroker?.licenseServers } };
    default:
      return { [change.resource]: '(not a host resource)' };
  }
}

function issuedLicenseOf(change: Change, server: LiveLicenseServer | undefined): LiveIssuedLicense | undefined {
  const operation = change.operations.find((entry) => entry.kind === 'revokeLicense');
  if (operation?.kind !== 'revokeLicense') return undefined;
  return server?.issuedLicenses?.find((license) => license.keyPackId === operation.keyPackId && license.licenseId === operation.licenseId);
}

function gpoBasis(change: Change, gpo: LiveGpo): ChangeBasis {
  if (change.resource === 'gpo.link') return { gpo: { exists: gpo.exists, links: gpo.links } };
  return { gpo: { exists: gpo.exists, licensingMode: gpo.licensingMode, licenseServers: gpo.licenseServers, links: gpo.links } };
}

/** Installed totals of the groups the change's operations count, keyed `product type channel`. */
function installedTotals(change: Change, host: LiveHost): Record<string, number> {
  const installed = installedByGroup(host.licenseServer?.keyPacks ?? []);
  const groups = change.operations.flatMap((operation) => ('group' in operation ? [operation.group] : []));
  const wanted = groups.length > 0 ? groups : [...installed.values()].map((entry) => entry.group);
  const totals: Record<string, number> = {};
  for (const group of wanted) totals[totalKey(group)] = installed.get(groupKey(group))?.total ?? 0;
  return totals;
}

function totalKey(group: KeyPackGroup): string {
  return `${group.product} ${group.type} ${group.channel}`;
}
