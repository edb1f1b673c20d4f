/**
 * Live state for people (`rdsctl show`): licence servers with their key packs, session
 * hosts as one table row each (so 10,000 hosts stay one screenful per page and render in
 * linear time), RD Connection Brokers, GPOs, and the hosts that could not be read.
 */
import type { HostError, LiveConnectionBroker, LiveGpo, LiveHost, LiveLicenseServer, LiveSessionHost, LiveState } from '../model/live-state.js';
import { displayOsVersion } from '../model/os-version.js';
import { paintText } from './color.js';
import { fitHostNames, wrapLines } from './fit-text.js';
import { formatTable, formatTableLines, type TableCell } from './format-table.js';
import { pluralise } from './pluralise.js';
import { sectionChunks } from './section-chunks.js';
import { effectiveRuleGroup, firewallPolicyStores } from '../model/firewall-policy.js';

export interface LiveStateTextOptions {
  color: boolean;
  /** The widest a line may be (the terminal's width); unlimited when absent. */
  width?: number;
}

export function renderLiveStateText(state: LiveState, options: LiveStateTextOptions): string {
  return [...renderLiveStateTextChunks(state, options)].join('');
}

/** The same text a section at a time, each rendered only when the one before is written. */
export function* renderLiveStateTextChunks(state: LiveState, options: LiveStateTextOptions): Generator<string> {
  const { color } = options;
  const width = options.width ?? Infinity;
  const servers = state.hosts.filter((host) => host.licenseServer !== undefined);
  const sessionHosts = state.hosts.filter((host) => host.sessionHost !== undefined);
  const brokers = state.hosts.filter((host) => host.connectionBroker !== undefined);
  yield* sectionChunks(
    (function* () {
      yield wrapLines([paintText(describeState(state, servers.length, sessionHosts.length, brokers.length), 'bold', color)], width);
      if (servers.length > 0) yield renderLicenseServers(servers, color, width);
      if (sessionHosts.length > 0) yield renderSessionHosts(sessionHosts, color, width);
      if (brokers.length > 0) yield wrapLines(renderConnectionBrokers(brokers, color, width), width);
      if (state.gpos.length > 0) yield wrapLines(renderGpos(state.gpos, color), width);
      if (state.errors.length > 0) yield wrapLines(renderErrors(state.errors, color), width);
    })(),
  );
}

function describeState(state: LiveState, servers: number, sessionHosts: number, brokers: number): string {
  const when = state.readAt === undefined ? '' : ` (read ${state.readAt})`;
  const counts = [pluralise(servers, 'licence server'), pluralise(sessionHosts, 'session host'), ...(brokers > 0 ? [pluralise(brokers, 'connection broker')] : []), pluralise(state.gpos.length, 'GPO')];
  if (state.errors.length > 0) counts.push(`${pluralise(state.errors.length, 'host')} could not be read`);
  return `Live state${when}: ${counts.join(', ')}`;
}

function renderLicenseServers(hosts: readonly LiveHost[], color: boolean, width: number): string[] {
  const lines = [paintText('Licence servers', 'bold', color)];
  for (const host of hosts) {
    const server = host.licenseServer!;
    const details: string[] = [];
    details.push(`  ${host.host}${host.os === undefined ? '' : ` (${displayOsVersion(host.os)})`}`);
    if (server.accessDenied === true) {
      details.push(`    ${paintText('access denied: the server returned empty data, which Windows does for callers without administrator rights', 'red', color)}`);
    }
    details.push(
      `    activation: ${describeActivation(server)}`,
      `    discovery: ${describeDiscovery(server)}`,
      `    service: ${server.service.state}`,
      `    firewall group: ${describeFirewall(server)}`,
    );
    lines.push(...wrapLines(details, width), ...renderKeyPacks(server, color, width));
  }
  return lines;
}

function describeActivation(server: LiveLicenseServer): string {
  const status = { activated: 'activated', notActivated: 'not activated', unknown: 'unknown' }[server.activation.status];
  if (server.activation.contactComplete === false) return `${status}, contact incomplete`;
  return status;
}

function describeDiscovery(server: LiveLicenseServer): string {
  const { discovery } = server;
  const parts = [`${discovery.scope} scope`, discovery.publishedInAD === undefined ? 'AD publication unknown' : discovery.publishedInAD ? 'published in AD' : 'not published in AD'];
  if (discovery.inLicenseServersGroup !== undefined) {
    parts.push(`${discovery.inLicenseServersGroup ? 'in' : 'not in'} the Terminal Server License Servers group`);
  }
  if (discovery.securityGroupEnforced === true) {
    parts.push(`licence server security group enforced (${pluralise(discovery.endpointServers?.length ?? 0, 'endpoint server')})`);
  }
  return parts.join(', ');
}

function describeFirewall(server: LiveLicenseServer): string {
  const { ruleGroup, rules } = server.firewall;
  const local = ruleGroup !== 'partial' ? ruleGroup : `partial (disabled: ${rules.filter((rule) => !rule.enabled).map((rule) => rule.name).join(', ')})`;
  const effective = effectiveRuleGroup(server.firewall);
  if (effective === ruleGroup) return local;
  // Group Policy decides what is in effect: say so, and what it holds.
  const held = [...firewallPolicyStores(server.firewall).map((store) => `GPO store ${store}`), ...(server.firewall.localRulesIgnoredIn?.length ? [`local rules off in the ${server.firewall.localRulesIgnoredIn.join(', ')} profile`] : [])];
  return `${local} locally, ${effective} in effect${held.length > 0 ? ` (${held.join('; ')})` : ''}`;
}

function renderKeyPacks(server: LiveLicenseServer, color: boolean, width: number): string[] {
  if (server.keyPacks.length === 0) return ['    key packs: none'];
  const rows = server.keyPacks.map((pack): TableCell[] => [
    pack.product === undefined ? `unknown (ProductVersionID ${pack.productVersionId})` : displayOsVersion(pack.product),
    pack.type,
    pack.channel,
    formatLicenceCount(pack.total),
    formatLicenceCount(pack.issued),
    pack.available === 0 && pack.total > 0 ? { text: '0', style: 'red' } : formatLicenceCount(pack.available),
    pack.expiresAt === undefined ? '' : pack.expiresAt.slice(0, 10),
  ]);
  const header = ['PRODUCT', 'TYPE', 'CHANNEL', 'TOTAL', 'ISSUED', 'AVAILABLE', 'EXPIRES'];
  return ['    key packs:', ...formatTable(header, rows, { indent: '      ', color, rightAligned: [3, 4, 5], width })];
}

// Built-in packs report 0xFFFFFFFF for an unlimited count.
function formatLicenceCount(count: number): string {
  return count >= 0xffffffff ? 'unlimited' : String(count);
}

function* renderSessionHosts(hosts: readonly LiveHost[], color: boolean, width: number): Generator<string> {
  const rows = hosts.map((host): TableCell[] => {
    const session = host.sessionHost!;
    return [
      host.host,
      describeMode(session),
      session.licensingMode.source,
      session.licenseServers.effective.length === 0 ? '(none)' : session.licenseServers.effective.join(', '),
      session.licenseServers.source,
      describeGrace(session),
      String(session.activeSessions),
    ];
  });
  const header = ['HOST', 'MODE', 'FROM', 'LICENCE SERVERS', 'FROM', 'GRACE', 'SESSIONS'];
  yield paintText('Session hosts', 'bold', color);
  yield* formatTableLines(header, rows, { indent: '  ', color, rightAligned: [6], width, blockLabels: SESSION_HOST_LABELS });
}

const SESSION_HOST_LABELS = ['licensing mode', 'mode from', 'licence servers', 'servers from', 'grace period', 'sessions'];

function describeMode(session: LiveSessionHost): TableCell {
  if (!session.roleInstalled) return { text: 'role not installed', style: 'yellow' };
  const mode = session.licensingMode.effective;
  return mode === 'notConfigured' ? { text: mode, style: 'yellow' } : mode;
}

function describeGrace(session: LiveSessionHost): TableCell {
  if (session.graceDaysLeft === 0) return { text: 'expired', style: 'red' };
  return `${pluralise(session.graceDaysLeft, 'day')}`;
}

/** What each broker pushes to its deployment's session hosts, and which hosts those are. */
function renderConnectionBrokers(hosts: readonly LiveHost[], color: boolean, width: number): string[] {
  const lines = [paintText('Connection brokers', 'bold', color)];
  for (const host of hosts) {
    const broker = host.connectionBroker!;
    lines.push(
      `  ${host.host}`,
      `    licensing: ${describeBrokerLicensing(broker)}`,
      broker.sessionHosts.length === 0 ? '    session hosts: none' : fitHostNames('    session hosts: ', broker.sessionHosts, width),
    );
  }
  return lines;
}

function describeBrokerLicensing(broker: LiveConnectionBroker): string {
  if (broker.centralLicensing === false) return 'per server (the broker pushes none)';
  const servers = broker.licenseServers.length === 0 ? 'no licence servers' : broker.licenseServers.join(', ');
  return `${broker.licensingMode}, ${servers}`;
}

function renderGpos(gpos: readonly LiveGpo[], color: boolean): string[] {
  const lines = [paintText('GPOs', 'bold', color)];
  for (const gpo of gpos) {
    if (!gpo.exists) {
      lines.push(`  ${gpo.name} (${gpo.domain}): ${paintText('does not exist', 'yellow', color)}`);
      continue;
    }
    lines.push(
      `  ${gpo.name} (${gpo.domain})`,
      `    links: ${gpo.links.length === 0 ? 'none' : gpo.links.join('; ')}`,
      `    licensing mode: ${gpo.licensingMode ?? 'not set'}`,
      `    licence servers: ${gpo.licenseServers === null ? 'not set' : gpo.licenseServers.join(', ')}`,
    );
  }
  return lines;
}

function renderErrors(errors: readonly HostError[], color: boolean): string[] {
  const lines = [paintText('Hosts that could not be read', 'bold', color)];
  for (const error of errors) {
    const context = [error.step, error.windowsCode].filter((part) => part !== undefined);
    const suffix = context.length === 0 ? '' : ` (${context.join(', ')})`;
    lines.push(`  ${error.host}: ${paintText(error.code, 'red', color)}: ${error.message}${suffix}`);
  }
  return lines;
}
