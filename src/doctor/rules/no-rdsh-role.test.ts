import { describe, expect, it } from 'vitest';
import { doctorInput, readAsLab, runRule, sessionHost } from '../fixtures/doctor-estate.js';
import { reportAdministrationMode } from './no-rdsh-role.js';
import { checkGracePeriod } from './grace-period.js';

describe('RDSL-NO-RDSH-ROLE', () => {
  it('notes hosts without the RD Session Host role as needing no CALs, and raises nothing else about them', () => {
    const admin = sessionHost('mgmt01.corp.contoso.com', { servers: [], edit: (sh) => (sh.roleInstalled = false) });
    const input = doctorInput(readAsLab([admin]));
    const [finding, ...rest] = runRule(reportAdministrationMode, input);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ key: 'RDSL-NO-RDSH-ROLE', severity: 'info', hosts: ['mgmt01.corp.contoso.com'] });
    expect(finding?.cause).toContain('two concurrent administrative connections (console included) without any RDS CAL');
    expect(runRule(checkGracePeriod, input)).toEqual([]);
  });
});
