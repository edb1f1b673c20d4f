/**
 * Specs that ask for more than rdsctl will hold: the total of session hosts after range
 * expansion is capped per spec and counted before anything is expanded, so a 2 KB spec of forty
 * 100,000-host ranges is refused at once in a small heap.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, runCli } from './support/run-cli.js';

const FINANCE = '["rdsh[01:12].corp.contoso.com"]';

function withFinanceHosts(cwd: string, hosts: string[]): void {
  const spec = path.join(cwd, 'rds.yaml');
  writeFileSync(spec, readFileSync(spec, 'utf8').replace(FINANCE, JSON.stringify(hosts)));
}

describe('hostile sizes', () => {
  it('refuses forty 100,000-host ranges with the count and the limit, in a 96 MB heap', { timeout: 10_000 }, async () => {
    const cwd = copyExample('contoso');
    withFinanceHosts(cwd, Array.from({ length: 40 }, (_, i) => `rdsh${i}-[1:100000].corp.contoso.com`));
    const started = Date.now();
    for (const command of [['validate'], ['plan']]) {
      const result = await runCli([...command, '-f', 'rds.yaml'], { cwd, env: { NODE_OPTIONS: '--max-old-space-size=96' } });
      expect(result.exitCode).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        [
          'Error: rds.yaml: 1 problem found',
          '  rds.yaml:70:3: sessionHostPools: the session host pools expand to 4,000,003 hosts, more than the limit of 100,000 per spec',
          '      hint: split the estate into several specs (one per deployment); the limits are in docs/limits.md',
          '',
        ].join('\n'),
      );
    }
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('counts across pools: one host over the limit is refused', async () => {
    const cwd = copyExample('contoso');
    withFinanceHosts(cwd, ['rdsh[000001:099998].corp.contoso.com']);
    const result = await runCli(['validate', '-f', 'rds.yaml'], { cwd });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('the session host pools expand to 100,001 hosts, more than the limit of 100,000 per spec');
  });

  it('accepts exactly 100,000 session hosts, the size of the benchmark estate', { timeout: 30_000 }, async () => {
    const cwd = copyExample('contoso');
    withFinanceHosts(cwd, ['rdsh[000001:099997].corp.contoso.com']);
    const result = await runCli(['validate', '-f', 'rds.yaml'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('refuses doctor --hosts and --inventory over the host limit, counted before expansion, in a 96 MB heap', { timeout: 10_000 }, async () => {
    const cwd = copyExample('contoso');
    const env = { NODE_OPTIONS: '--max-old-space-size=96' };
    const ranges = Array.from({ length: 40 }, (_, i) => `rdsh${i}-[1:100000].corp.contoso.com`);
    const hint = 'Hint: split the hosts into several runs; the limits are in docs/limits.md\n';
    const hosts = await runCli(['doctor', '--hosts', ranges.join(','), '--estate', 'estate.yaml'], { cwd, env });
    expect(hosts).toEqual({ exitCode: 3, signal: null, stdout: '', stderr: `Error: --hosts names 4,000,000 hosts, more than the limit of 101,000 per run\n${hint}` });
    writeFileSync(path.join(cwd, 'inventory.txt'), ['rdsh[000001:100000].corp.contoso.com', 'lic[0001:1001].corp.contoso.com', ''].join('\n'));
    const inventory = await runCli(['doctor', '--inventory', 'inventory.txt', '--estate', 'estate.yaml', '--json'], { cwd, env });
    expect(inventory.exitCode).toBe(3);
    expect(JSON.parse(inventory.stdout)).toMatchObject({ error: { code: 'USAGE', exitCode: 3, message: 'inventory inventory.txt names 101,001 hosts, more than the limit of 101,000 per run' } });
    expect(existsSync(path.join(cwd, '.rdsctl'))).toBe(false);
  });
});
