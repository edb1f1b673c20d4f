import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { checkLicensingModeConfigured } from './mode-not-configured.js';

describe('RDSL-MODE-NOT-CONFIGURED', () => {
  it('reports hosts with no licensing mode, with the event ids the reference gives (1068, 1069)', () => {
    const live = readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com', { mode: 'notConfigured' }), sessionHost('rdsh02.corp.contoso.com')]);
    const [finding, ...rest] = runRule(checkLicensingModeConfigured, doctorInput(live));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ key: 'RDSL-MODE-NOT-CONFIGURED', severity: 'error', hosts: ['rdsh01.corp.contoso.com'] });
    expect(finding?.evidence).toEqual([{ host: 'rdsh01.corp.contoso.com', item: 'LicensingType', value: 'not configured (5)', source: 'wmi' }]);
    expect(finding?.cause).toContain('(events 1068, and 1069 once the grace period is over)');
    expect(finding?.cause).not.toContain('1128');
  });
});
