/**
 * RDSL-CAL-VERSION-TOO-NEW-FOR-LS: a licence server holds only CALs of its own Windows Server
 * version and older (windows-reference.md §7), so a 2022 server cannot hold 2025 CALs. Found in
 * the spec (a declared key pack), in live state, and in a session host's verdict that its
 * licence server is of a lower version (LS_CONNECTABLE_LOWER_VERSION).
 */
import { keyPackAddress, licenseServerAddress } from '../../model/address.js';
import { canonicalHostName } from '../../model/host-name.js';
import { displayOsVersion, serverCanHoldCal } from '../../model/os-version.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { dependentHosts, describeImpact, groupBlocks } from './group-blocks.js';

export const checkCalVersionsFitServers: DoctorRule = (context) => [...checkDeclaredPacks(context), ...checkHostVerdicts(context)];

function checkDeclaredPacks(context: DoctorContext): Finding[] {
  const findings: Finding[] = [];
  for (const server of context.input.desired?.licenseServers ?? []) {
    const os = context.view.host(server.host)?.os ?? server.os;
    if (os === undefined) continue;
    server.keyPacks.forEach((pack, index) => {
      if (serverCanHoldCal(os, pack.product)) return;
      const specPath = context.view.licenseServerSpecPath(server.host);
      findings.push(
        buildFinding({
          id: 'RDSL-CAL-VERSION-TOO-NEW-FOR-LS',
          subject: `${canonicalHostName(server.host)}|${pack.name}`,
          severity: 'error',
          title: `${server.host} runs ${displayOsVersion(os)} and cannot hold the ${displayOsVersion(pack.product)} CALs of key pack "${pack.name}"`,
          hosts: [server.host],
          evidence: [
            { host: server.host, item: 'OS', value: displayOsVersion(os), source: context.view.host(server.host)?.os ? 'wmi' : 'spec' },
            { host: server.host, item: `key pack "${pack.name}" product`, value: displayOsVersion(pack.product), source: 'spec' },
          ],
          cause: 'A licence server can hold CALs of its own Windows Server version and older only; installing newer CALs fails.',
          fix: resolveFix(context, {
            specChange: `move key pack "${pack.name}" to a licence server running ${displayOsVersion(pack.product)} or newer, or upgrade ${server.host}`,
            manual: `install ${displayOsVersion(pack.product)} CALs on a licence server running ${displayOsVersion(pack.product)} or newer`,
          }),
          address: keyPackAddress(server.host, pack.name),
          ...(specPath ? { specPath: [...specPath, 'keyPacks', index, 'product'] } : {}),
        }),
      );
    });
  }
  return findings;
}

function checkHostVerdicts(context: DoctorContext): Finding[] {
  return groupBlocks(context, 'RDSL-CAL-VERSION-TOO-NEW-FOR-LS').map((group) => {
    const server = context.view.host(group.server);
    const hostOs = group.dependents[0]?.analysis.host.os;
    return buildFinding({
      id: 'RDSL-CAL-VERSION-TOO-NEW-FOR-LS',
      subject: canonicalHostName(group.server),
      severity: 'error',
      title: `${group.server} is older than the session hosts that use it and cannot license them`,
      hosts: [group.server, ...dependentHosts(group.dependents)],
      evidence: [...group.evidence, ...(server?.os ? [{ host: server.host, item: 'OS', value: displayOsVersion(server.os), source: 'wmi' as const }] : [])],
      cause: `${group.detail}: the CALs these hosts need${hostOs ? ` (${displayOsVersion(hostOs)} or newer)` : ''} are newer than the licence server can hold. ${describeImpact(group.dependents, group.stranded)}.`,
      fix: resolveFix(context, {
        manualOnly: true,
        manual: `upgrade ${group.server} to ${hostOs ? displayOsVersion(hostOs) : 'the session hosts\' version'} or newer (or point the hosts at a licence server that is), then install matching CALs there`,
      }),
      address: licenseServerAddress(group.server),
    });
  });
}
