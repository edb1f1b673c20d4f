/**
 * `rdsctl export` end to end, as real processes on private copies of the examples: the spec it
 * writes validates, and a plan of it changes nothing (the adoption round trip), also after an
 * apply, without a spec, and on a generated 1,000-host estate. The contoso export is a golden
 * file; bad arguments are exit 3 with a hint, before any host is read.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { generateEstate } from '../bench/generate-estate.js';
import { tryExpandHostPattern } from '../src/spec/host-range.js';
import { validateSpecSchema } from '../src/spec/validate-spec-schema.js';
import { copyExamplesForThisFile, REPO_ROOT, runCli } from './support/run-cli.js';

const copyExample = copyExamplesForThisFile();
const temporary: string[] = [];
afterAll(() => temporary.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

function copyBrokenExample(name: string): string {
  const directory = realpathSync(mkdtempSync(path.join(os.tmpdir(), `rdsctl-export-${name}-`)));
  temporary.push(directory);
  cpSync(path.join(REPO_ROOT, 'examples', 'broken', name), directory, { recursive: true, filter: (source) => !source.includes(`${path.sep}.rdsctl`) });
  return directory;
}

function golden(name: string, actual: string): void {
  const file = path.join(REPO_ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** Export beside the spec (where the lab keeps its live copy), then plan the export. */
async function roundTrip(cwd: string, exportArgs: readonly string[] = []): Promise<{ exported: string; planExit: number | null; plan: string }> {
  const exported = await runCli(['export', '--out', 'exported.yaml', ...exportArgs], { cwd });
  expect(exported.exitCode, exported.stderr).toBe(0);
  expect(exported.stdout).toBe('');
  const text = readFileSync(path.join(cwd, 'exported.yaml'), 'utf8');
  expect(validateSpecSchema(parse(text), { locate: () => ({ file: 'exported.yaml', line: 1, column: 1 }) } as never)).toEqual([]);
  const validate = await runCli(['validate', '-f', 'exported.yaml'], { cwd });
  expect(validate.exitCode, validate.stderr).toBe(0);
  const plan = await runCli(['plan', '-f', 'exported.yaml', '--detailed-exitcode'], { cwd });
  return { exported: text, planExit: plan.exitCode, plan: plan.stdout + plan.stderr };
}

const BROKEN_ESTATES_THE_SPEC_REFUSES = new Set([
  'gpo-overrides-local',
  'license-server-not-activated',
  'mode-mismatch',
  'no-cals-installed',
  'two-causes-at-once',
  'wrong-cal-version',
]);

describe('export', () => {
  it('writes the contoso estate as the golden spec, and a plan of it changes nothing', async () => {
    const cwd = copyExample('contoso');
    const toStdout = await runCli(['export'], { cwd });
    expect(toStdout.exitCode, toStdout.stderr).toBe(0);
    golden('contoso-export.yaml', toStdout.stdout);
    expect(toStdout.stderr).toMatch(/^Read 17 host\(s\) and 1 GPO\(s\) in \d+ ms\.\nExported 2 licence server\(s\), 4 session-host pool\(s\) and 1 GPO\(s\)\.\n$/);
    expect(toStdout.stdout).not.toMatch(/lab-agreement|secrets\//);

    const { planExit, plan } = await roundTrip(cwd);
    expect(plan).toContain('No changes. The estate matches the spec.');
    expect(planExit).toBe(0);
  });

  it('after an apply, exports the converged estate: kiosks in one pool, all key packs, still no changes', async () => {
    const cwd = copyExample('contoso');
    expect((await runCli(['apply', '--auto-approve'], { cwd })).exitCode).toBe(0);
    const { exported, planExit } = await roundTrip(cwd);
    expect(planExit).toBe(0);
    const spec = parse(exported);
    expect(spec.sessionHostPools.map((pool: { name: string; hosts: string[] }) => [pool.name, pool.hosts])).toEqual([
      ['kiosk-device', ['kiosk[01:03].corp.contoso.com']],
      ['finance', ['rdsh[01:12].corp.contoso.com']],
    ]);
    expect(spec.licenseServers[1].keyPacks.map((pack: { name: string; quantity: number }) => [pack.name, pack.quantity])).toEqual([
      ['volume-2022-user', 100],
      ['volume-2022-device', 25],
    ]);
    expect(spec.externalLicenseServers).toBeUndefined();
  });

  it.each(readdirSync(path.join(REPO_ROOT, 'examples', 'broken')).filter((name) => !name.endsWith('.md')))('round trip of examples/broken/%s', async (name) => {
    const cwd = copyBrokenExample(name);
    if (!BROKEN_ESTATES_THE_SPEC_REFUSES.has(name)) {
      expect((await roundTrip(cwd)).planExit).toBe(0);
      return;
    }
    // An estate whose hosts could get no CALs breaks a rule every spec must keep: export says so, exit 3.
    const result = await runCli(['export', '--out', 'exported.yaml'], { cwd });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('Error: the exported spec reproduces the estate, but rdsctl would refuse it: the estate breaks a rule of the spec\n');
    expect(result.stderr).toContain('Hint: fix the estate, or edit the exported spec, then run rdsctl validate on it\n');
    const written = parse(readFileSync(path.join(cwd, 'exported.yaml'), 'utf8'));
    expect(validateSpecSchema(written, { locate: () => ({ file: 'exported.yaml', line: 1, column: 1 }) } as never)).toEqual([]);
  });

  it('without a spec exports every host of a lab estate; --hosts exports those and the servers they list', async () => {
    const cwd = copyExample('contoso');
    const all = await roundTrip(cwd, ['--provider', 'lab', '--estate', 'estate.yaml', '--deployment', 'contoso']);
    expect(all.planExit).toBe(0);
    expect(parse(all.exported).sessionHostPools).toHaveLength(4);

    rmSync(path.join(cwd, 'exported.yaml'));
    const some = await roundTrip(cwd, ['--estate', 'estate.yaml', '--deployment', 'contoso', '--hosts', 'rdsh[01:03].corp.contoso.com', '--gpo', 'RDS Licensing - Finance']);
    expect(some.planExit).toBe(0);
    const spec = parse(some.exported);
    expect(spec.licenseServers.map((server: { host: string }) => server.host)).toEqual(['lic01.corp.contoso.com']);
    expect(spec.sessionHostPools).toEqual([{ name: 'finance', hosts: ['rdsh[01:03].corp.contoso.com'], os: 'windowsServer2022', configuredBy: { gpo: 'RDS Licensing - Finance' } }]);
  });

  it('rewrites the spec\'s relative paths for a spec written to another folder, and says where the lab live copy is', async () => {
    const cwd = copyExample('contoso');
    mkdirSync(path.join(cwd, 'adopted'));
    const result = await runCli(['export', '--out', 'adopted/rds.yaml'], { cwd });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      `note: the lab keeps its live copy beside the spec; from ${path.join(cwd, 'adopted')} the exported spec starts from a fresh copy of the estate file, not the live copy under ${path.join(cwd, '.rdsctl', 'lab')}\n`,
    );
    const spec = parse(readFileSync(path.join(cwd, 'adopted', 'rds.yaml'), 'utf8'));
    expect(spec.connection).toEqual({ provider: 'lab', estate: '../estate.yaml' });
    const plan = await runCli(['plan', '-f', 'adopted', '--detailed-exitcode'], { cwd });
    expect(plan.exitCode, plan.stdout + plan.stderr).toBe(0);
  });

  it('leaves out hosts configured by a GPO it did not read, and says why', async () => {
    const cwd = copyExample('contoso');
    const result = await runCli(['export', '--estate', 'estate.yaml', '--deployment', 'contoso', '--hosts', 'rdsh01.corp.contoso.com,kiosk01.corp.contoso.com', '--out', 'exported.yaml'], { cwd });
    expect(result.exitCode, result.stderr).toBe(0);
    const reason = 'rdsh01.corp.contoso.com: its licensing settings come from Group Policy, from no GPO that was read (name it with --gpo NAME@DOMAIN)';
    expect(result.stderr).toContain(`warning: left out ${reason}\n`);
    const text = readFileSync(path.join(cwd, 'exported.yaml'), 'utf8');
    expect(text).toContain(
      '# Left out, as the spec cannot reproduce them:\n#   rdsh01.corp.contoso.com: its licensing settings come from Group Policy, from no GPO that was\n#     read (name it with --gpo NAME@DOMAIN)\nsessionHostPools:\n',
    );
    expect((await runCli(['plan', '-f', 'exported.yaml', '--detailed-exitcode'], { cwd })).exitCode).toBe(0);
  });

  it('round-trips a generated 1,000-host estate, with its host lists folded into ranges', async () => {
    const directory = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'rdsctl-export-1000-')));
    temporary.push(directory);
    await generateEstate(directory, { hosts: 1000, pools: 10, servers: 4 });
    const { exported, planExit, plan } = await roundTrip(directory);
    expect(planExit, plan).toBe(0);
    const spec = parse(exported);
    const entries = spec.sessionHostPools.flatMap((pool: { hosts: string[] }) => pool.hosts);
    expect(entries).toHaveLength(55);
    expect(entries).toContain('rdsh[0001:0100].pool001.bench.example.com');
    expect(entries.flatMap((entry: string) => {
      const expansion = tryExpandHostPattern(entry);
      return expansion.ok ? expansion.names : [];
    })).toHaveLength(1000);
  }, 120_000);

  it('refuses bad arguments with exit 3 and a hint, and never overwrites without --force', async () => {
    const cwd = copyExample('contoso');
    const help = await runCli(['export', '--help'], { cwd });
    expect(help.exitCode).toBe(0);
    for (const flag of ['-f, --file <path>', '--hosts <list>', '--inventory <file>', '--gpo <name@domain>', '--out <file>', '--force', '--provider <name>', '--estate <file>']) expect(help.stdout).toContain(flag);
    const positional = await runCli(['export', 'exported.yaml'], { cwd });
    expect(positional).toMatchObject({ exitCode: 3, stdout: '' });
    expect(positional.stderr).toBe(
      'Error: export takes no positional arguments, got "exported.yaml"\nHint: did you mean -f exported.yaml (the spec whose connection is read) or --out exported.yaml (the file to write)?\n',
    );
    const force = await runCli(['export', '--force'], { cwd });
    expect(force.exitCode).toBe(3);
    expect(force.stderr).toBe('Error: --force applies only with --out FILE\nHint: see rdsctl export --help\n');
    const mixed = await runCli(['export', '-f', 'rds.yaml', '--transport', 'ssh'], { cwd });
    expect(mixed.exitCode).toBe(3);
    expect(mixed.stderr).toBe('Error: --transport applies only without a spec (-f gives the connection)\nHint: see rdsctl export --help\n');
    const gpo = await runCli(['export', '--gpo', 'Finance@not a domain'], { cwd });
    expect(gpo.exitCode).toBe(3);
    expect(gpo.stderr).toBe('Error: --gpo "Finance@not a domain": expected NAME@DOMAIN, e.g. "RDS Licensing - Finance@corp.contoso.com"\n');
    const noDomain = await runCli(['export', '--estate', 'estate.yaml', '--gpo', 'Finance'], { cwd });
    expect(noDomain.exitCode).toBe(3);
    expect(noDomain.stderr).toBe('Error: --gpo "Finance": no domain given, and the hosts name no domain\nHint: write --gpo "NAME@DOMAIN"\n');

    writeFileSync(path.join(cwd, 'exported.yaml'), 'mine\n');
    const exists = await runCli(['export', '--out', 'exported.yaml'], { cwd });
    expect(exists.exitCode).toBe(3);
    expect(exists.stderr).toBe('Error: exported.yaml already exists; nothing was written\nHint: pass --force to replace it, or choose another --out file\n');
    expect(readFileSync(path.join(cwd, 'exported.yaml'), 'utf8')).toBe('mine\n');
    const replaced = await runCli(['export', '--out', 'exported.yaml', '--force'], { cwd });
    expect(replaced.exitCode).toBe(0);
    expect(readFileSync(path.join(cwd, 'exported.yaml'), 'utf8')).toContain('apiVersion: rdsctl/v1');
    expect(readdirSync(cwd).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('fails with exit 1 and writes nothing when a named host cannot be read', async () => {
    const cwd = copyExample('contoso');
    const result = await runCli(['export', '--estate', 'estate.yaml', '--hosts', 'rdsh01.corp.contoso.com,nope.corp.contoso.com', '--out', 'exported.yaml'], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      'Error: 1 of 2 host(s) could not be read; nothing was exported\n' +
        '  nope.corp.contoso.com: nope.corp.contoso.com: no such host in the lab estate\n' +
        'Hint: a spec without them would not reproduce the estate: fix access to them, or leave them out of --hosts\n',
    );
    expect(existsSync(path.join(cwd, 'exported.yaml'))).toBe(false);
  });
});
