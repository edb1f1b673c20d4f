/**
 * The CLI's contract with machines and CI: errors as one JSON document in machine mode, an
 * apply that leaves refused changes exits 5, `no` at the prompt exits 1, validate reports
 * everything at once, and `version` says which versions are running.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseErrorDocument } from './support/error-document.js';
import { copyExample, REPO_ROOT, runCli } from './support/run-cli.js';
import { runInTerminal } from './support/run-in-terminal.js';

const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function editSpec(cwd: string, from: string, to: string): void {
  const file = path.join(cwd, 'rds.yaml');
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`rds.yaml has no ${from}`);
  writeFileSync(file, text.replace(from, to));
}

/** Two problems the schema finds and one only the cross-reference checks find. */
function invalidExample(): string {
  const cwd = copyExample('contoso');
  editSpec(cwd, 'quantity: 250', 'quantity: many');
  editSpec(cwd, 'deployment: contoso', 'deployment: "con toso"');
  editSpec(cwd, 'licenseServers: [lic02.corp.contoso.com, lic01.corp.contoso.com]', 'licenseServers: [lic02.corp.contoso.com, lic1.corp.contoso.com]');
  return cwd;
}

describe('machine-readable errors', () => {
  it.each([
    ['plan --json', ['plan', '--json']],
    ['apply --json', ['apply', '--json', '--auto-approve']],
    ['validate --json', ['validate', '--json']],
    ['show --json', ['show', '--json']],
    ['doctor --format sarif', ['doctor', '--format', 'sarif']],
    ['report --format json', ['report', '--format', 'json']],
  ])('%s on an invalid spec prints one error document with every problem, schema and cross-reference', async (_name, args) => {
    const cwd = invalidExample();
    const result = await runCli(args, { cwd });
    expect(result.exitCode).toBe(3);
    const { error } = parseErrorDocument(result.stdout);
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe('rds.yaml: 3 problems found');
    expect(error.diagnostics.map((d) => [d.code, d.source?.line, d.source?.path])).toEqual([
      ['SPEC_SCHEMA', 7, 'deployment'],
      ['SPEC_SCHEMA', 38, 'licenseServers[0].keyPacks[0].quantity'],
      ['SPEC_REFERENCE', 80, 'sessionHostPools[1].licenseServers[1]'],
    ]);
    expect(result.stderr).toContain('Error: rds.yaml: 3 problems found\n');
  });

  it('validate --json summarises a valid spec', async () => {
    const cwd = copyExample('contoso');
    const result = await runCli(['validate', '--json'], { cwd });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ formatVersion: 1, file: 'rds.yaml', valid: true, licenseServers: 2, sessionHosts: 15, pools: 2, gpos: 1, connectionBrokers: 0 });
  });

  it('validate counts the RD Connection Brokers a spec hands pools to, and show lists what each pushes', async () => {
    const cwd = path.join(copyExample('broken'), 'broker-disagrees');
    const validated = await runCli(['validate'], { cwd });
    expect(validated.stdout).toBe('rds.yaml is valid: 1 licence server(s), 3 session host(s) in 1 pool(s), 0 GPO(s), 1 connection broker(s).\n');
    expect(JSON.parse((await runCli(['validate', '--json'], { cwd })).stdout)).toMatchObject({ connectionBrokers: 1 });
    const shown = await runCli(['show'], { cwd });
    expect(shown.exitCode, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(
      'Connection brokers\n  cb01.corp.contoso.com\n    licensing: perUser, lic-old.corp.contoso.com\n    session hosts: rdsh[01:03].corp.contoso.com\n',
    );
  });

  it('refuses at validate a Windows connection that cannot log in, naming the keys', async () => {
    const cwd = copyExample('contoso');
    // PowerShell remoting over SSH logs in only with a user and key the spec names; plain ssh may take them from ~/.ssh/config.
    editSpec(cwd, 'provider: lab\n  estate: ./estate.yaml', 'provider: windows\n  transport: psrp-ssh\n ');
    const result = await runCli(['validate'], { cwd });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('connection.user: the psrp-ssh transport needs connection.user, the account rdsctl logs in as\n');
    expect(result.stderr).toContain('connection.keyFile: the psrp-ssh transport needs connection.keyFile: SSH remoting logs in with a key, never a password\n');
  });
});

describe('SARIF', () => {
  it('gives every result of a valid spec a physical location in the spec', async () => {
    const cwd = copyExample('contoso');
    const result = await runCli(['doctor', '--format', 'sarif', '--fail-on', 'critical'], { cwd });
    const results = (JSON.parse(result.stdout) as { runs: { results: { ruleId: string; locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]?.results ?? [];
    expect(results.length).toBeGreaterThan(1);
    expect(results.filter((entry) => entry.locations?.[0]?.physicalLocation.artifactLocation.uri !== 'rds.yaml').map((entry) => entry.ruleId)).toEqual([]);
  });
});

describe('refused changes', () => {
  it('an apply whose changes are all refused lists them and exits 5', async () => {
    const cwd = copyExample('contoso');
    expect((await runCli(['apply', '--auto-approve'], { cwd })).exitCode).toBe(0);
    editSpec(cwd, 'quantity: 250', 'quantity: 100');
    const text = await runCli(['apply', '--auto-approve'], { cwd });
    expect(text.exitCode).toBe(5);
    // Piped output is 100 columns wide: the address goes on a line of its own.
    expect(text.stdout).toContain('\nApply complete: 0 applied, 1 refused.\nRefused, so the estate still differs from the spec:\n  licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]\n');
    const json = await runCli(['apply', '--auto-approve', '--json'], { cwd });
    expect(json.exitCode).toBe(5);
    const report = JSON.parse(json.stdout) as { summary: { refused: number }; results: { outcome: string }[] };
    expect(report.summary.refused).toBe(1);
    expect(report.results.map((result) => result.outcome)).toEqual(['refused']);
  });
});

describe('the prompt', () => {
  it('exits 1 and changes nothing when the answer is not yes', async () => {
    const cwd = copyExample('contoso');
    const result = await runInTerminal(['apply', '--no-color'], { cwd, answer: 'no' });
    expect(result.output).toContain('Error: apply cancelled; nothing was changed');
    expect(result.exitCode).toBe(1);
    const plan = await runCli(['plan', '--detailed-exitcode'], { cwd });
    expect(plan.exitCode).toBe(2);
  });
});

describe('version', () => {
  it.each([['version'], ['--version'], ['-v']])('%s prints rdsctl, Node.js and format versions', async (arg) => {
    const result = await runCli([arg], { cwd: REPO_ROOT });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      `rdsctl ${PACKAGE_VERSION}\nnode ${process.versions.node}\nspec apiVersion rdsctl/v1; formatVersion of plan 1, apply report 1, live state 1, doctor report 1, error 1\n`,
    );
  });

  it('version --json is a document', async () => {
    const result = await runCli(['version', '--json'], { cwd: REPO_ROOT });
    expect(JSON.parse(result.stdout)).toEqual({
      rdsctl: PACKAGE_VERSION,
      node: process.versions.node,
      formats: { spec: 'rdsctl/v1', plan: 1, applyReport: 1, liveState: 1, doctorReport: 1, error: 1 },
    });
  });
});
