/**
 * `rdsctl doctor --format nagios` as Nagios, Icinga or Checkmk run it: one plugin line on stdout
 * and the plugin exit codes, 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN, with --fail-on as the
 * CRITICAL threshold.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDoctorNagiosUnknown } from '../src/render/render-doctor-nagios.js';
import { copyExamplesForThisFile, runCli } from './support/run-cli.js';

const copy = copyExamplesForThisFile();

const CONTOSO_POOLS =
  "'free lic01.corp.contoso.com Windows Server 2022 per-user CALs'=57;10:;;0;200 'free lic01.corp.contoso.com Windows Server 2022 per-device CALs'=19;10:;;0;50 'free lic02.corp.contoso.com Windows Server 2022 per-user CALs'=42;10:;;0;100";
const CONTOSO_SUMMARY = 'findings 7 warning; 15 session hosts, 2 licence servers; first: the RD Licensing firewall rule group on lic02.corp.contoso.com is not enabled';

describe('rdsctl doctor --format nagios', () => {
  it('is OK (exit 0) when no finding is at warning or above', async () => {
    const directory = copy('contoso');
    const result = await runCli(['doctor', '--hosts', 'rdsh01.corp.contoso.com,rdsh02.corp.contoso.com', '--provider', 'lab', '--estate', 'estate.yaml', '--format', 'nagios'], { cwd: directory });
    expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({
      exitCode: 0,
      stdout:
        "RDSCTL OK - 2 session hosts, 1 licence server, no findings at warning or above | 'free lic01.corp.contoso.com Windows Server 2022 per-user CALs'=57;;;0;200 'free lic01.corp.contoso.com Windows Server 2022 per-device CALs'=19;;;0;50 findings_info=3;;;0 findings_warning=0;0;;0 findings_error=0;;0;0 findings_critical=0;;0;0\n",
    });
  });

  it('is WARNING (exit 1) for warnings below the default --fail-on error', async () => {
    const result = await runCli(['doctor', '--format', 'nagios'], { cwd: copy('contoso') });
    expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({
      exitCode: 1,
      stdout: `RDSCTL WARNING - ${CONTOSO_SUMMARY} | ${CONTOSO_POOLS} findings_info=4;;;0 findings_warning=7;0;;0 findings_error=0;;0;0 findings_critical=0;;0;0\n`,
    });
  });

  it('is CRITICAL (exit 2) when --fail-on warning makes the same warnings critical', async () => {
    const result = await runCli(['doctor', '--format', 'nagios', '--fail-on', 'warning'], { cwd: copy('contoso') });
    expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({
      exitCode: 2,
      stdout: `RDSCTL CRITICAL - ${CONTOSO_SUMMARY} | ${CONTOSO_POOLS} findings_info=4;;;0 findings_warning=7;;0;0 findings_error=0;;0;0 findings_critical=0;;0;0\n`,
    });
  });

  it('is CRITICAL (exit 2) for exhausted CALs, with the fewest grace days of unlicensed hosts', async () => {
    const result = await runCli(['doctor', '--format', 'nagios'], { cwd: path.join(copy('broken'), 'cals-exhausted') });
    expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({
      exitCode: 2,
      stdout:
        "RDSCTL CRITICAL - findings 1 critical, 1 error, 1 warning; 3 session hosts, 1 licence server; first: lic01.corp.contoso.com: no per-device CALs left | 'free lic01.corp.contoso.com Windows Server 2022 per-device CALs'=0;;;0;50 grace_days_min=0;30:;1:;0 findings_info=2;;;0 findings_warning=1;0;;0 findings_error=1;;0;0 findings_critical=1;;0;0\n",
    });
  });

  it('is UNKNOWN (exit 3) when the spec is missing, with the error on stderr', async () => {
    const result = await runCli(['doctor', '-f', 'missing.yaml', '--format', 'nagios'], { cwd: copy('contoso') });
    expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({ exitCode: 3, stdout: 'RDSCTL UNKNOWN - doctor could not check: missing.yaml: no such file\n' });
    expect(result.stderr).toContain('Error: missing.yaml: no such file\n');
  });

  it('is UNKNOWN (exit 3) when the spec is invalid', async () => {
    const directory = copy('contoso');
    writeFileSync(path.join(directory, 'rds.yaml'), 'apiVersion: rdsctl/v1\nkind: [\n');
    const result = await runCli(['doctor', '--format', 'nagios'], { cwd: directory });
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toMatch(/^RDSCTL UNKNOWN - doctor could not check: [^|\n]+\n$/);
  });

  it('exits 3 for an invalid command line', async () => {
    const result = await runCli(['doctor', '--format', 'nagios', '--fail-on', 'bogus'], { cwd: copy('contoso') });
    expect(result.exitCode).toBe(3);
  });

  it('keeps a message on one line and out of the performance data', () => {
    expect(renderDoctorNagiosUnknown('a | b\nc')).toEqual({ state: 'UNKNOWN', line: 'RDSCTL UNKNOWN - doctor could not check: a / b c\n' });
  });
});
