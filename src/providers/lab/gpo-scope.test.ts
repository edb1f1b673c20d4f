import { describe, expect, it } from 'vitest';
import type { LiveGpo } from '../../model/live-state.js';
import { isOuWithin, policyValuesForOu } from './gpo-scope.js';

const FINANCE = 'OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com';

function gpo(name: string, links: string[], values: Partial<Omit<LiveGpo, 'name' | 'domain' | 'links'>> = {}): LiveGpo {
  return { name, domain: 'corp.contoso.com', exists: true, links, licensingMode: null, licenseServers: null, ...values };
}

describe('isOuWithin', () => {
  it.each([
    [FINANCE, FINANCE, true],
    ['ou=finance, ou=rds, dc=corp, dc=contoso, dc=com', FINANCE, true],
    [`OU=Traders,${FINANCE}`, FINANCE, true],
    ['OU=Kiosks,OU=RDS,DC=corp,DC=contoso,DC=com', FINANCE, false],
    ['OU=RDS,DC=corp,DC=contoso,DC=com', FINANCE, false],
    ['OU=NotFinance,OU=RDS,DC=corp,DC=contoso,DC=com', 'OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com', false],
  ])('%s within %s: %s', (ou, link, expected) => {
    expect(isOuWithin(ou, link)).toBe(expected);
  });
});

describe('policyValuesForOu', () => {
  it('takes each value from the closest GPO that sets it', () => {
    const gpos = [
      gpo('domain-wide', ['DC=corp,DC=contoso,DC=com'], { licensingMode: 'perDevice', licenseServers: ['lic09'] }),
      gpo('finance', [FINANCE], { licenseServers: ['lic01', 'lic02'] }),
    ];
    expect(policyValuesForOu(gpos, `OU=Traders,${FINANCE}`)).toEqual({ licensingMode: 'perDevice', licenseServers: ['lic01', 'lic02'] });
    expect(policyValuesForOu(gpos, 'OU=Kiosks,OU=RDS,DC=corp,DC=contoso,DC=com')).toEqual({ licensingMode: 'perDevice', licenseServers: ['lic09'] });
  });

  it('prefers the GPO listed first when two are linked to the same OU, and ignores GPOs that do not exist', () => {
    const gpos = [gpo('gone', [FINANCE], { exists: false, licensingMode: 'perDevice' }), gpo('a', [FINANCE], { licensingMode: 'perUser' }), gpo('b', [FINANCE], { licensingMode: 'perDevice' })];
    expect(policyValuesForOu(gpos, FINANCE).licensingMode).toBe('perUser');
  });

  it('delivers nothing to an OU no GPO reaches', () => {
    expect(policyValuesForOu([gpo('finance', [FINANCE], { licensingMode: 'perUser' })], 'OU=Kiosks,OU=RDS,DC=corp,DC=contoso,DC=com')).toEqual({
      licensingMode: null,
      licenseServers: null,
    });
  });

  it('delivers nothing from a GPO whose computer settings are off, or whose Apply leaves the host out', () => {
    const fallback = gpo('domain-wide', ['DC=corp,DC=contoso,DC=com'], { licensingMode: 'perDevice' });
    const off = gpo('finance', [FINANCE], { licensingMode: 'perUser', status: 'computerSettingsDisabled' });
    expect(policyValuesForOu([off, fallback], FINANCE).licensingMode).toBe('perDevice');
    const filtered = gpo('finance', [FINANCE], { licensingMode: 'perUser', applyTrustees: [{ name: 'CONTOSO\\RDSH01$', type: 'computer' }] });
    expect(policyValuesForOu([filtered, fallback], FINANCE, 'rdsh01.corp.contoso.com').licensingMode).toBe('perUser');
    expect(policyValuesForOu([filtered, fallback], FINANCE, 'rdsh02.corp.contoso.com').licensingMode).toBe('perDevice');
  });

  it('leaves a value an overriding GPO sets to that GPO, and delivers the others', () => {
    const finance = gpo('finance', [FINANCE], { licensingMode: 'perUser', licenseServers: ['lic01'], overriddenBy: [{ gpo: 'baseline', ou: FINANCE, settings: ['licenseServers'] }] });
    expect(policyValuesForOu([finance], FINANCE)).toEqual({ licensingMode: 'perUser', licenseServers: null });
  });
});
