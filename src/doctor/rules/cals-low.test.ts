import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCTOR_POLICY } from '../doctor-input.js';
import { doctorInput, LIC01, licenseServer, readAsLab, runRule } from '../fixtures/doctor-estate.js';
import { checkCalsLow } from './cals-low.js';

describe('RDSL-CALS-LOW', () => {
  it('warns for each pool with fewer free CALs than policy.minFreeCals', () => {
    const input = doctorInput(readAsLab([licenseServer(LIC01)]), { policy: { ...DEFAULT_DOCTOR_POLICY, minFreeCals: 50 } });
    expect(runRule(checkCalsLow, input).map((finding) => [finding.key, finding.severity, finding.title])).toEqual([
      [`RDSL-CALS-LOW:${LIC01}|perDevice|7`, 'warning', `${LIC01}: only 40 Windows Server 2022 per-device CALs free (policy.minFreeCals is 50)`],
    ]);
  });

  it('is off when minFreeCals is 0', () => {
    expect(runRule(checkCalsLow, doctorInput(readAsLab([licenseServer(LIC01)])))).toEqual([]);
  });
});
