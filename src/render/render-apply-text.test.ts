import { describe, expect, test } from 'vitest';
import type { ActionResult } from '../model/action-result.js';
import { buildApplyReport, OUTCOME_EXAMPLES } from './fixtures/sample-apply-report.js';
import { renderApplyReportText } from './render-apply-text.js';

const o = OUTCOME_EXAMPLES;
const render = (results: ActionResult[], interrupted = false): string =>
  renderApplyReportText(buildApplyReport(results, interrupted), { color: false });
const applied = (n: number): ActionResult => ({ ...o.applied, address: `sessionHost[kiosk0${n}.corp.contoso.com]` });

describe('renderApplyReportText', () => {
  test('shows an applied change with its time and what was done', () => {
    expect(render([o.applied])).toBe(
      [
        '  ✓ licenseServer[lic02.corp.contoso.com].firewall: applied (320 ms)',
        '      enabled the Remote Desktop Licensing Server rule group',
        '',
        'Apply complete: 1 applied.',
        '',
      ].join('\n'),
    );
  });

  test('shows a failure with its summary, what was done before it, and the hint', () => {
    expect(render([o.failed])).toContain(
      [
        '  ✗ licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-device]: failed — the licence server rejected the agreement number',
        '      installed 20 licences',
        '      InstallAgreementLicenseKeyPack returned 0x80070057.',
        '      hint: check the agreement number the spec refers to (agreementNumber) and run apply again',
      ].join('\n'),
    );
  });

  test('says why a change was skipped, refused or not started', () => {
    const text = render([o.skipped, o.refused, o.interrupted]);
    expect(text).toContain('  - sessionHost[kiosk01.corp.contoso.com]: skipped (depends on licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-device], which failed)\n');
    expect(text).toContain('  ! licenseServer[lic02.corp.contoso.com].keyPack[~windowsServer2019-perUser-retail]: refused by guard rail keyPackRemoval (policy.allow.keyPackRemoval)\n');
    expect(text).toContain('  … sessionHost[kiosk03.corp.contoso.com]: not started (interrupted)\n');
  });

  test('shows a host waiting for Group Policy with the hint, without repeating its address', () => {
    expect(render([o.pending])).toBe(
      [
        '  ⧗ sessionHost[rdsh01.corp.contoso.com]: pending policy refresh — waits for a Group Policy refresh to pick up GPO "RDS Licensing - Finance"',
        '      hint: run gpupdate /force on the host, or wait for the next background refresh',
        '',
        'Apply complete: 0 applied, 1 pending policy refresh.',
        '',
      ].join('\n'),
    );
  });

  test('groups hosts waiting for the same GPO into one line, as the plan does', () => {
    const pending = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ ...o.pending, address: `sessionHost[rdsh0${n}.corp.contoso.com]` }));
    expect(render(pending)).toBe(
      [
        '  ⧗ 9 session hosts: pending policy refresh — each waits for a Group Policy refresh to pick up GPO "RDS Licensing - Finance"',
        '      hosts: rdsh[01:09].corp.contoso.com',
        '      hint: run gpupdate /force on the host, or wait for the next background refresh',
        '',
        'Apply complete: 0 applied, 9 pending policy refresh.',
        '',
      ].join('\n'),
    );
  });

  test('names the refused changes after the count, since the estate still differs from the spec', () => {
    const text = render([o.applied, o.refused]);
    expect(text.endsWith(
      [
        'Apply complete: 1 applied, 1 refused.',
        'Refused, so the estate still differs from the spec: licenseServer[lic02.corp.contoso.com].keyPack[~windowsServer2019-perUser-retail]',
        '',
      ].join('\n'),
    )).toBe(true);
  });

  test('closes with the counts of a complete run', () => {
    const text = render([applied(1), applied(2), applied(3), o.failed, o.skipped, { ...o.skipped, address: 'sessionHost[kiosk05.corp.contoso.com]' }]);
    expect(text.endsWith('\nApply complete: 3 applied, 1 failed, 2 skipped.\n')).toBe(true);
  });

  test('closes with the counts of an interrupted run', () => {
    const notStarted = [4, 5, 6, 7].map((n) => ({ ...o.interrupted, address: `sessionHost[kiosk0${n}.corp.contoso.com]` }));
    const text = render([applied(1), applied(2), applied(3), ...notStarted], true);
    expect(text.endsWith('\nApply interrupted: 3 applied, 4 not started.\n')).toBe(true);
  });

  test('writes no colour codes without colour', () => {
    expect(render(Object.values(OUTCOME_EXAMPLES))).not.toMatch(/\u001b\[/);
  });
});
