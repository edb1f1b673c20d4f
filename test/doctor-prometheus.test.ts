/**
 * `rdsctl doctor --format prometheus` as a monitoring system reads it: the exact exposition text for
 * the contoso example, Prometheus's own linter (`promtool check metrics`), `--out` replacing the
 * file whole, and `rdsctl_up 0` without stale numbers when the run fails. promtool comes from
 * Debian's prometheus package (`bash scripts/provision-browser-tests.sh`); without it the linter
 * test is skipped with one line, and under CI=true it fails instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeLabelValue } from '../src/render/render-doctor-prometheus.js';
import { copyExamplesForThisFile, REPO_ROOT, runCli } from './support/run-cli.js';

const copy = copyExamplesForThisFile();

const GOLDEN = path.join(REPO_ROOT, 'test', 'golden', 'contoso-doctor.prom');
const TIMESTAMP_LINE = /^rdsctl_last_check_timestamp_seconds (\d+(?:\.\d+)?)$/m;

const promtoolFound = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
const promtoolMissing = 'promtool not found on PATH; provision it with: bash scripts/provision-browser-tests.sh';
if (!promtoolFound && process.env['CI'] !== 'true') console.warn(`!!! PROMTOOL TEST SKIPPED: ${promtoolMissing}`);

describe('rdsctl doctor --format prometheus', () => {
  it('prints the contoso estate as the golden exposition text, stamped with the time of the check', async () => {
    const directory = copy('contoso');
    const before = Date.now() / 1000;
    const result = await runCli(['doctor', '--format', 'prometheus'], { cwd: directory });
    const after = Date.now() / 1000;
    expect(result.exitCode, result.stderr).toBe(0);
    const stamp = Number(TIMESTAMP_LINE.exec(result.stdout)?.[1]);
    expect(stamp).toBeGreaterThanOrEqual(Math.floor(before) - 1);
    expect(stamp).toBeLessThanOrEqual(after);
    const normalised = result.stdout.replace(TIMESTAMP_LINE, 'rdsctl_last_check_timestamp_seconds <time of the check>');
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, normalised);
    expect(normalised).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  (promtoolFound || process.env['CI'] === 'true' ? it : it.skip)('passes promtool check metrics', async () => {
    if (!promtoolFound) throw new Error(promtoolMissing);
    const directory = copy('contoso');
    const result = await runCli(['doctor', '--format', 'prometheus'], { cwd: directory });
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: result.stdout, encoding: 'utf8' });
    expect({ status: lint.status, output: `${lint.stdout}${lint.stderr}` }).toEqual({ status: 0, output: '' });
  });

  it('--out replaces the file whole and leaves no temporary file behind', async () => {
    const directory = copy('contoso');
    const out = path.join(directory, 'rdsctl.prom');
    writeFileSync(out, 'rdsctl_up 1\nrdsctl_cals_available 999\n');
    const result = await runCli(['doctor', '--format', 'prometheus', '--out', 'rdsctl.prom'], { cwd: directory });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    const written = readFileSync(out, 'utf8');
    expect(written).toMatch(/^# HELP rdsctl_up /);
    expect(written).not.toContain(' 999\n');
    expect(readdirSync(directory).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('--out writes any format without terminal colours, even when colour is forced', async () => {
    const directory = copy('contoso');
    const result = await runCli(['doctor', '--out', 'doctor.txt'], { cwd: directory, env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(result.exitCode, result.stderr).toBe(0);
    const written = readFileSync(path.join(directory, 'doctor.txt'), 'utf8');
    expect(written).toMatch(/^rdsctl doctor: contoso: 2 licence servers, 15 session hosts, 1 unreadable; 7 warning, 4 info\n/);
    expect(written).not.toContain('\u001b');
  });

  it('reports rdsctl_up 0 and no stale numbers when the run cannot check, and still fails', async () => {
    const directory = copy('contoso');
    const out = path.join(directory, 'rdsctl.prom');
    writeFileSync(out, 'rdsctl_up 1\nrdsctl_cals_available 999\n');
    const result = await runCli(['doctor', '-f', 'missing.yaml', '--format', 'prometheus', '--out', 'rdsctl.prom'], { cwd: directory });
    expect(result.exitCode).toBe(3);
    expect(readFileSync(out, 'utf8')).toBe('# HELP rdsctl_up 1 when rdsctl could read the estate and run its checks, 0 when the run failed.\n# TYPE rdsctl_up gauge\nrdsctl_up 0\n');
    expect(existsSync(out)).toBe(true);
  });

  it('escapes backslash, double quote and line feed in label values', () => {
    expect(escapeLabelValue('CORP\\lic "01"\nx')).toBe('CORP\\\\lic \\"01\\"\\nx');
  });
});
