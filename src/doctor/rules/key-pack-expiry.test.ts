import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule } from '../fixtures/doctor-estate.js';
import { checkKeyPackExpiry } from './key-pack-expiry.js';

describe('RDSL-KEYPACK-EXPIRING', () => {
  it('warns about a pack expiring within 30 days and reports an expired one as an error', () => {
    const server = licenseServer(LIC01, (ls) => {
      ls.keyPacks[1]!.expiresAt = '2026-12-07T12:00:00Z';
      ls.keyPacks[2]!.expiresAt = '2026-11-01T00:00:00Z';
    });
    const findings = runRule(checkKeyPackExpiry, doctorInput(readAsLab([server])));
    expect(findings.map((finding) => [finding.key, finding.severity, finding.title])).toEqual([
      [`RDSL-KEYPACK-EXPIRING:${LIC01}|3`, 'warning', `${LIC01}: key pack 3 (100 Windows Server 2022 per-user CALs) expires in 10 day(s)`],
      [`RDSL-KEYPACK-EXPIRING:${LIC01}|4`, 'error', `${LIC01}: key pack 4 (50 Windows Server 2022 per-device CALs) expired on 2026-11-01`],
    ]);
  });

  it('ignores packs far from expiry and built-in packs', () => {
    const server = licenseServer(LIC01, (ls) => {
      ls.keyPacks[0]!.expiresAt = '2026-11-28T00:00:00Z';
      ls.keyPacks[1]!.expiresAt = '2038-01-19T00:00:00Z';
    });
    expect(runRule(checkKeyPackExpiry, doctorInput(readAsLab([server])))).toEqual([]);
  });
});
