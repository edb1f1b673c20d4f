import { describe, expect, it } from 'vitest';
import { desiredModel, GPO_HOST, LOCAL_HOST } from '../../test/fixtures/engine-fixtures.js';
import { isRdsctlError } from '../model/rdsctl-error.js';
import { resolveTargets } from './resolve-targets.js';

const desired = desiredModel();

function refusal(values: string[], model = desired): { code: string; message: string; hint?: string } {
  try {
    resolveTargets(values, model);
  } catch (error) {
    if (isRdsctlError(error)) return { code: error.code, message: error.message, ...(error.hint === undefined ? {} : { hint: error.hint }) };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('resolveTargets', () => {
  it('says nothing without targets', () => {
    expect(resolveTargets([], desired)).toEqual({ targets: [], diagnostics: [] });
  });

  it('keeps a declared address, in any case of its host name, and says targeting is in effect', () => {
    const { targets, diagnostics } = resolveTargets(['licenseServer[LIC01.corp.contoso.com].keyPack[ea-user]'], desired);
    expect(targets).toEqual(['licenseServer[LIC01.corp.contoso.com].keyPack[ea-user]']);
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'TARGETING']]);
  });

  it('accepts licences the spec does not declare, and revocations, on a declared server', () => {
    expect(resolveTargets(['licenseServer[lic01.corp.contoso.com].keyPack[~windowsServer2019-perUser-retail]'], desired).targets).toHaveLength(1);
    expect(refusal(['licenseServer[lic09.corp.contoso.com].keyPack[~windowsServer2019-perUser-retail]']).code).toBe('TARGET_NOT_FOUND');
    expect(resolveTargets(['licenseServer[lic01.corp.contoso.com].issuedLicense[4-17]'], desired).targets).toEqual(['licenseServer[lic01.corp.contoso.com].issuedLicense[4-17]']);
    expect(refusal(['licenseServer[lic09.corp.contoso.com].issuedLicense[4-17]']).code).toBe('TARGET_NOT_FOUND');
  });

  it('resolves a short name that one declared host has', () => {
    expect(resolveTargets(['sessionHost[kiosk01].gracePeriod'], desired).targets).toEqual([`sessionHost[${LOCAL_HOST}].gracePeriod`]);
  });

  it('refuses a short name two hosts share, with both full names', () => {
    const twins = desiredModel({
      sessionHosts: [...desired.sessionHosts, { ...(desired.sessionHosts[0] as (typeof desired.sessionHosts)[number]), host: 'kiosk01.branch.contoso.com' }],
    });
    expect(refusal(['sessionHost[kiosk01]'], twins)).toEqual({
      code: 'TARGET_NOT_FOUND',
      message: '--target sessionHost[kiosk01]: the short name "kiosk01" matches 2 hosts in the spec',
      hint: 'give the full name: sessionHost[kiosk01.corp.contoso.com] or sessionHost[kiosk01.branch.contoso.com]',
    });
  });

  it('includes the GPO of a GPO-configured host once, and says why', () => {
    const { targets, diagnostics } = resolveTargets([`sessionHost[${GPO_HOST}]`, `sessionHost[${GPO_HOST}].gracePeriod`], desired);
    expect(targets).toEqual([`sessionHost[${GPO_HOST}]`, `sessionHost[${GPO_HOST}].gracePeriod`, 'gpo[RDS Licensing - Finance]']);
    expect(diagnostics[1]?.summary).toBe(`gpo[RDS Licensing - Finance] is included: sessionHost[${GPO_HOST}] takes its licensing settings from it (pool "finance")`);
  });

  it('suggests the closest address, or lists the declared ones', () => {
    expect(refusal(['gpo[RDS Licensing - Finanse]'])).toMatchObject({ hint: 'did you mean gpo[RDS Licensing - Finance]?' });
    expect(refusal(['gpo[Other]'])).toMatchObject({ hint: "the spec's GPOs: gpo[RDS Licensing - Finance]" });
    expect(refusal(['licenseServer[lic99.example.com]'])).toMatchObject({ message: '--target licenseServer[lic99.example.com] selects nothing in the spec', hint: "the spec's licence servers: lic01.corp.contoso.com" });
  });
});
