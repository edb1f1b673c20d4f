/**
 * Whether a GPO's licensing values can reach a session host, from what the GPO read shows:
 * its status (computer settings disabled), its security filtering (who holds GpoApply), its
 * WMI filter, and higher-precedence GPOs that set the same values at its OUs
 * (docs/windows.md, "Group Policy that does not apply"). Pure: no I/O.
 */
import type { LiveGpo, LiveGpoTrustee } from './live-state.js';

export type GpoSetting = 'licensingMode' | 'licenseServers';

export interface GpoReachProblem {
  kind: 'status' | 'securityFiltering' | 'wmiFilter' | 'overridden';
  /** `blocks`: the values cannot arrive; `mayBlock`: rdsctl cannot tell (a WMI query it does not run). */
  certainty: 'blocks' | 'mayBlock';
  /** The settings that do not arrive from this GPO. */
  settings: GpoSetting[];
  /** Why, as the end of "the GPO cannot reach its hosts because …". */
  detail: string;
}

const BOTH: GpoSetting[] = ['licensingMode', 'licenseServers'];

/** Every reason the GPO's values may not reach `host` (or any computer, without a host). */
export function explainGpoReach(gpo: LiveGpo, host?: string): GpoReachProblem[] {
  if (!gpo.exists) return [];
  const problems: GpoReachProblem[] = [];
  if (gpo.status === 'computerSettingsDisabled' || gpo.status === 'allSettingsDisabled') {
    problems.push({ kind: 'status', certainty: 'blocks', settings: BOTH, detail: `its computer settings are disabled (GpoStatus ${gpo.status === 'allSettingsDisabled' ? 'AllSettingsDisabled' : 'ComputerSettingsDisabled'})` });
  }
  const filtering = describeFilteringProblem(gpo.applyTrustees, host);
  if (filtering) problems.push({ kind: 'securityFiltering', certainty: 'blocks', settings: BOTH, detail: filtering });
  if (gpo.wmiFilter !== undefined) {
    problems.push({ kind: 'wmiFilter', certainty: 'mayBlock', settings: BOTH, detail: `its WMI filter "${gpo.wmiFilter}" decides which computers apply it, and rdsctl does not run the query` });
  }
  for (const override of gpo.overriddenBy ?? []) {
    const settings = override.settings.filter((setting) => gpo[setting] !== null);
    if (settings.length === 0) continue;
    problems.push({
      kind: 'overridden',
      certainty: 'blocks',
      settings,
      detail: `GPO "${override.gpo}"${override.enforced ? ', enforced,' : ''} has a higher precedence at ${override.ou} and sets ${settings.join(' and ')} too`,
    });
  }
  return problems;
}

/** The settings of the GPO that certainly do not reach the host. */
export function blockedGpoSettings(gpo: LiveGpo, host?: string): Set<GpoSetting> {
  return new Set(explainGpoReach(gpo, host).filter((problem) => problem.certainty === 'blocks').flatMap((problem) => problem.settings));
}

/** True when none of the GPO's values can reach the host: it does not configure it. */
export function isGpoCutOff(gpo: LiveGpo, host?: string): boolean {
  return explainGpoReach(gpo, host).some((problem) => problem.certainty === 'blocks' && problem.kind !== 'overridden');
}

/** The manual steps, in Group Policy Management: rdsctl changes only the GPO's licensing values and links. */
export function describeReachFixes(kinds: readonly string[]): string {
  const steps: string[] = [];
  if (kinds.includes('status')) steps.push('enable its computer settings (GPO Status: Enabled, or User configuration settings disabled)');
  if (kinds.includes('securityFiltering')) steps.push('grant Apply Group Policy to the hosts, or to a group holding them such as Domain Computers or Authenticated Users (Delegation tab)');
  if (kinds.includes('wmiFilter')) steps.push('check that its WMI filter matches the hosts, or remove the filter');
  if (kinds.includes('overridden')) steps.push('remove the licensing settings from the higher-precedence GPO, or give this GPO precedence (link order, or enforce its link)');
  return `in Group Policy Management: ${steps.join('; ')}; then run gpupdate /force on the hosts`;
}

function describeFilteringProblem(trustees: readonly LiveGpoTrustee[] | undefined, host: string | undefined): string | undefined {
  if (trustees === undefined) return undefined;
  // A group may hold the computer (Authenticated Users and Domain Computers do); rdsctl does not read membership.
  if (trustees.some((trustee) => trustee.type === 'group' || trustee.type === 'unknown')) return undefined;
  const computers = trustees.filter((trustee) => trustee.type === 'computer');
  if (computers.length === 0) {
    return trustees.length === 0
      ? 'its security filtering grants Apply to nobody'
      : `its security filtering grants Apply to users only (${trustees.map((trustee) => trustee.name).join(', ')}), and computer settings apply to computers`;
  }
  if (host === undefined || computers.some((trustee) => isSameComputer(trustee.name, host))) return undefined;
  return `its security filtering grants Apply to other computers only (${computers.map((trustee) => trustee.name).join(', ')})`;
}

/** `CONTOSO\RDSH01$` or `RDSH01$` against `rdsh01.corp.contoso.com`. */
function isSameComputer(trustee: string, host: string): boolean {
  const account = trustee.split('\\').pop()!.replace(/\$$/, '').toLowerCase();
  return account === host.split('.')[0]!.toLowerCase();
}
