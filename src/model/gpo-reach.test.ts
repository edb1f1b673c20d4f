import { describe, expect, it } from 'vitest';
import { explainGpoReach, isGpoCutOff } from './gpo-reach.js';
import type { LiveGpo, LiveGpoTrustee } from './live-state.js';

const OU = 'OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com';
const HOST = 'rdsh01.corp.contoso.com';

function gpo(fields: Partial<LiveGpo> = {}): LiveGpo {
  return { name: 'Finance', domain: 'corp.contoso.com', exists: true, links: [OU], licensingMode: 'perUser', licenseServers: ['lic01'], ...fields };
}

const user: LiveGpoTrustee = { name: 'rds-admin', type: 'user' };
const authenticatedUsers: LiveGpoTrustee = { name: 'Authenticated Users', sid: 'S-1-5-11', type: 'group' };

describe('explainGpoReach', () => {
  it.each<[string, Partial<LiveGpo>, string | undefined, string[]]>([
    ['what a new GPO has', { status: 'allSettingsEnabled', applyTrustees: [authenticatedUsers] }, HOST, []],
    ['fields not read: today\'s behaviour', {}, HOST, []],
    ['user settings off only', { status: 'userSettingsDisabled' }, HOST, []],
    ['computer settings off', { status: 'computerSettingsDisabled' }, HOST, ['status:blocks']],
    ['all settings off', { status: 'allSettingsDisabled' }, undefined, ['status:blocks']],
    ['Apply for users only', { applyTrustees: [user] }, HOST, ['securityFiltering:blocks']],
    ['Apply for nobody', { applyTrustees: [] }, undefined, ['securityFiltering:blocks']],
    ['Apply for a group: may hold the host', { applyTrustees: [user, { name: 'RDS Hosts', type: 'group' }] }, HOST, []],
    ['Apply for this computer', { applyTrustees: [{ name: 'CONTOSO\\RDSH01$', type: 'computer' }] }, HOST, []],
    ['Apply for another computer', { applyTrustees: [{ name: 'CONTOSO\\RDSH02$', type: 'computer' }] }, HOST, ['securityFiltering:blocks']],
    ['Apply for computers, no host named', { applyTrustees: [{ name: 'CONTOSO\\RDSH02$', type: 'computer' }] }, undefined, []],
    ['a WMI filter', { wmiFilter: 'Only 2016' }, HOST, ['wmiFilter:mayBlock']],
    ['overridden on a value it sets', { overriddenBy: [{ gpo: 'Baseline', ou: OU, settings: ['licenseServers'] }] }, HOST, ['overridden:blocks']],
    ['overridden on a value it does not set', { licensingMode: null, overriddenBy: [{ gpo: 'Baseline', ou: OU, settings: ['licensingMode'] }] }, HOST, []],
    ['a GPO that does not exist', { exists: false, status: 'allSettingsDisabled' }, HOST, []],
  ])('%s', (_name, fields, host, expected) => {
    expect(explainGpoReach(gpo(fields), host).map((problem) => `${problem.kind}:${problem.certainty}`)).toEqual(expected);
  });

  it('counts only status and filtering as cutting the GPO off: an override takes one value, a WMI filter is a suspicion', () => {
    expect(isGpoCutOff(gpo({ status: 'computerSettingsDisabled' }))).toBe(true);
    expect(isGpoCutOff(gpo({ overriddenBy: [{ gpo: 'Baseline', ou: OU, settings: ['licenseServers', 'licensingMode'] }] }))).toBe(false);
    expect(isGpoCutOff(gpo({ wmiFilter: 'Only 2016' }))).toBe(false);
  });
});
