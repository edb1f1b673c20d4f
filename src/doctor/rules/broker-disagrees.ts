/**
 * RDSL-BROKER-DISAGREES: an RD Connection Broker pushes a licensing mode or licence servers to
 * its session hosts that are not the spec's. The broker overwrites whatever is set on the hosts,
 * so the fix is at the broker: `apply` converges a broker the spec declares, and for an
 * undeclared one the spec must say who owns those settings. An error when hosts are left with no
 * working licence server because of it; a warning otherwise.
 */
import { connectionBrokerAddress } from '../../model/address.js';
import { canonicalHostName } from '../../model/host-name.js';
import type { LiveConnectionBroker } from '../../model/live-state.js';
import type { SessionHostAnalysis } from '../analyse-session-host.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import type { Evidence, Finding } from '../finding.js';
import { findingKey } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { describePools } from './host-fix-addresses.js';

const HOSTS_IN_EVIDENCE = 6;

interface BrokerGroup {
  name: string;
  hosts: SessionHostAnalysis[];
}

export const checkBrokerAgreement: DoctorRule = (context) => {
  const groups = new Map<string, BrokerGroup>();
  const groupOf = (name: string): BrokerGroup => {
    const key = canonicalHostName(name);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { name, hosts: [] }));
    return group;
  };
  for (const broker of context.input.desired?.connectionBrokers ?? []) if (broker.owner === 'rdsctl') groupOf(broker.host);
  for (const analysis of context.sessionHosts) {
    const broker = analysis.sessionHost.connectionBroker;
    if (broker !== undefined && analysis.desired !== undefined) groupOf(broker).hosts.push(analysis);
  }
  return [...groups.values()].flatMap((group) => disagreement(context, group));
};

function disagreement(context: DoctorContext, group: BrokerGroup): Finding[] {
  const declared = context.input.desired?.connectionBrokers.find((broker) => canonicalHostName(broker.host) === canonicalHostName(group.name));
  if (declared?.owner === 'broker') return [];
  const live = context.view.host(group.name)?.connectionBroker;
  const wantedMode = declared?.licensingMode ?? intendedOf(context, group.hosts)?.licensingMode;
  const wantedServers = declared?.licenseServers ?? intendedOf(context, group.hosts)?.licenseServers;
  const differing = group.hosts.filter((analysis) => analysis.intended !== undefined || (wantedMode !== undefined && analysis.mode !== wantedMode));
  const brokerDiffers = live !== undefined && ((wantedMode !== undefined && live.licensingMode !== wantedMode) || (wantedServers !== undefined && !sameList(live.licenseServers, wantedServers)));
  if (!brokerDiffers && differing.length === 0) return [];

  const key = findingKey('RDSL-BROKER-DISAGREES', canonicalHostName(group.name));
  const stranded = group.hosts.filter((analysis) => analysis.block?.key === key);
  const pushed = live ? describeSettings(live.licensingMode, live.licenseServers) : describeSettings(differing[0]?.mode, differing[0]?.sessionHost.licenseServers.effective);
  const wanted = describeSettings(wantedMode, wantedServers);
  const address = connectionBrokerAddress(group.name);
  const pools = describePools(differing.length > 0 ? differing : group.hosts);
  return [
    buildFinding({
      id: 'RDSL-BROKER-DISAGREES',
      subject: canonicalHostName(group.name),
      severity: stranded.length > 0 ? 'error' : 'warning',
      title: `RD Connection Broker ${group.name} pushes ${pushed} to ${differing.length} session host(s), not the spec's ${wanted}`,
      hosts: [group.name, ...differing.map((analysis) => analysis.host.host)],
      evidence: evidenceOf(group.name, live, differing, wantedMode, wantedServers),
      cause:
        `The session hosts of an RD Connection Broker deployment get their licensing mode and licence servers from the broker, which overwrites values set on the hosts. ` +
        (stranded.length > 0 ? `What it pushes leaves ${stranded.length} host(s) with no licence server that can license them.` : 'The hosts are licensed, but not as the spec intends.'),
      fix: resolveFix(context, {
        addresses: [address],
        attributes: ['licensingMode', 'licenseServers'],
        ...(declared ? {} : { specChange: `declare the broker on ${pools}: configuredBy: { broker: ${group.name} }, with the pool's licensingMode and licenseServers` }),
        manual: `on ${group.name}: Set-RDLicenseConfiguration -ConnectionBroker ${group.name} -Mode ${modeWord(wantedMode)} -LicenseServer ${(wantedServers ?? []).join(',') || '<servers>'} -Force`,
      }),
    }),
  ];
}

function intendedOf(context: DoctorContext, hosts: readonly SessionHostAnalysis[]) {
  const first = hosts.find((analysis) => analysis.intended !== undefined) ?? hosts[0];
  return first ? context.view.intendedSettings(first.host.host) : undefined;
}

function evidenceOf(broker: string, live: LiveConnectionBroker | undefined, hosts: readonly SessionHostAnalysis[], mode: string | undefined, servers: readonly string[] | undefined): Evidence[] {
  const evidence: Evidence[] = [];
  if (live) {
    evidence.push({ host: broker, item: 'Get-RDLicenseConfiguration Mode', value: live.licensingMode, source: 'wmi' });
    evidence.push({ host: broker, item: 'Get-RDLicenseConfiguration LicenseServer', value: live.licenseServers, source: 'wmi' });
  }
  for (const analysis of hosts.slice(0, HOSTS_IN_EVIDENCE)) {
    evidence.push({ host: analysis.host.host, item: 'licence servers (effective, pushed by the broker)', value: analysis.sessionHost.licenseServers.effective, source: 'registry' });
  }
  if (mode !== undefined) evidence.push({ host: '(spec)', item: 'licensingMode', value: mode, source: 'spec' });
  if (servers !== undefined) evidence.push({ host: '(spec)', item: 'licenseServers', value: [...servers], source: 'spec' });
  return evidence;
}

function describeSettings(mode: string | undefined, servers: readonly string[] | undefined): string {
  const parts = [mode === undefined ? undefined : mode, servers === undefined ? undefined : servers.length === 0 ? 'no licence server' : servers.join(', ')].filter((part) => part !== undefined);
  return parts.join(' with ') || 'its settings';
}

function modeWord(mode: string | undefined): string {
  return mode === 'perDevice' ? 'PerDevice' : 'PerUser';
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => canonicalHostName(value) === canonicalHostName(b[index] ?? ''));
}
