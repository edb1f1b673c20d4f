/**
 * RDSL-POLICY-OVERRIDES-LOCAL: Group Policy sets a session host's licensing mode or licence
 * servers to a value different from the host's local setting. Policy always wins
 * (windows-reference.md §1.1), so a correct local value does nothing. An error when the policy
 * value leaves the host without a licence server and the local one would have worked.
 */
import { policyOverrideKey, type SessionHostAnalysis } from '../analyse-session-host.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { resolveFix } from '../resolve-fix.js';
import { describePools, settingsAddresses } from './host-fix-addresses.js';

interface Override {
  setting: 'licensingMode' | 'licenseServers';
  policy: string;
  local: string;
  hosts: SessionHostAnalysis[];
}

export const checkPolicyOverrides: DoctorRule = (context) => {
  const overrides = new Map<string, Override>();
  const add = (analysis: SessionHostAnalysis, setting: Override['setting'], policy: string, local: string): void => {
    const key = policyOverrideKey(setting, policy, local);
    const entry = overrides.get(key) ?? { setting, policy, local, hosts: [] };
    entry.hosts.push(analysis);
    overrides.set(key, entry);
  };
  for (const analysis of context.sessionHosts) {
    const mode = analysis.sessionHost.licensingMode;
    if (mode.source === 'policy' && mode.local !== 'notConfigured' && mode.policy !== null && mode.local !== mode.policy) add(analysis, 'licensingMode', mode.policy, mode.local);
    const servers = analysis.sessionHost.licenseServers;
    if (servers.source === 'policy' && servers.local.length > 0 && servers.policy !== null && !sameList(servers.local, servers.policy)) {
      add(analysis, 'licenseServers', servers.policy.join(', '), servers.local.join(', '));
    }
  }
  return [...overrides].map(([key, override]) => overrideFinding(context, key, override));
};

function overrideFinding(context: DoctorContext, key: string, override: Override): Finding {
  const { hosts, setting } = override;
  const harmful = hosts.some((analysis) => analysis.block?.key === key);
  const label = setting === 'licensingMode' ? 'licensing mode' : 'licence-server list';
  const localPools = hosts.filter((analysis) => analysis.desired?.settings.kind === 'local');
  return buildFinding({
    id: 'RDSL-POLICY-OVERRIDES-LOCAL',
    subject: key.slice('RDSL-POLICY-OVERRIDES-LOCAL:'.length),
    severity: harmful || localPools.length > 0 ? 'error' : 'warning',
    title: `Group Policy sets the ${label} of ${hosts.length} session host(s) to ${override.policy}, overriding their local ${override.local}`,
    hosts: hosts.map((analysis) => analysis.host.host),
    evidence: hosts.flatMap((analysis) => [
      { host: analysis.host.host, item: `${label} (policy)`, value: override.policy, source: 'policy' as const },
      { host: analysis.host.host, item: `${label} (local)`, value: override.local, source: 'registry' as const },
    ]),
    cause: harmful
      ? `Group Policy values win over local ones. The policy value leaves the hosts without a licence server that can license them, while the local value would work.`
      : `Group Policy values win over local ones, so the local value has no effect${localPools.length > 0 ? ', although the spec configures these hosts locally' : ''}.`,
    fix: !harmful && localPools.length === 0
      ? { kind: 'manual', summary: `nothing to fix: the ${label} from Group Policy is in effect and works; the unused local value (${override.local}) only misleads whoever reads the host's own settings` }
      : resolveFix(context, {
      addresses: settingsAddresses(hosts),
      attributes: [setting],
      pendingHosts: hosts.map((analysis) => analysis.host.host),
      specChange: `configure ${describePools(hosts)} by the GPO that reaches the hosts (configuredBy: { gpo: NAME }) and give that GPO the ${label} that works${harmful ? ` (${override.local})` : ''}`,
      manual: `change the ${label} in the GPO that reaches the hosts (gpresult /r on a host names it), or remove the setting from it so the local value applies; then run gpupdate /force on the hosts`,
    }),
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value.toLowerCase() === b[index]?.toLowerCase());
}
