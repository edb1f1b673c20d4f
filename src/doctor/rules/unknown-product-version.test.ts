import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule } from '../fixtures/doctor-estate.js';
import { checkProductVersionsKnown } from './unknown-product-version.js';

describe('RDSL-UNKNOWN-PRODUCT-VERSION', () => {
  it('reports a pack whose product version id rdsctl does not know, never dropping it', () => {
    const server = licenseServer(LIC01, (ls) => {
      ls.keyPacks.push({ keyPackId: 7, productVersionId: 8, type: 'perUser', channel: 'volume', total: 25, issued: 0, available: 25, description: 'RDS Per User CAL' });
    });
    const findings = runRule(checkProductVersionsKnown, doctorInput(readAsLab([server])));
    expect(findings.map((finding) => [finding.key, finding.severity, finding.title])).toEqual([
      [`RDSL-UNKNOWN-PRODUCT-VERSION:${LIC01}|7`, 'warning', `${LIC01}: key pack 7 has product version id 8, which rdsctl does not know`],
    ]);
    expect(findings[0]?.evidence).toEqual([
      { host: LIC01, item: 'key pack 7 ProductVersionID', value: 8, source: 'wmi' },
      { host: LIC01, item: 'key pack 7 description', value: 'RDS Per User CAL', source: 'wmi' },
    ]);
  });

  it('says nothing when every id is known', () => {
    expect(runRule(checkProductVersionsKnown, doctorInput(readAsLab([licenseServer(LIC01)])))).toEqual([]);
  });
});
