/**
 * Bad input gets exit 3 and one clear message naming the file and line; nothing is written.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, runCli } from './support/run-cli.js';

const aliasBomb = ['a: &a [1, 2]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]', ''].join('\n');

const cases: { name: string; content: string | Buffer; stderr: string }[] = [
  {
    name: 'malformed YAML',
    content: 'apiVersion: rdsctl/v1\nlicenseServers: [a\n',
    stderr: 'Error: spec.yaml: 1 problem found\n  spec.yaml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n',
  },
  {
    name: 'a YAML alias bomb',
    content: aliasBomb,
    stderr:
      'Error: spec.yaml: 1 problem found\n  spec.yaml:2:8: YAML aliases expand to too many nodes (limit 100); refused as a resource-exhaustion guard\n      hint: write the repeated values out, or use fewer and shallower aliases\n',
  },
  { name: 'an empty file', content: '', stderr: 'Error: spec.yaml: 1 problem found\n  spec.yaml:1:1: the file is empty; expected a spec starting with apiVersion: rdsctl/v1\n' },
  {
    name: 'a binary file',
    content: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xff, 0xfe, 0x00]),
    stderr: 'Error: spec.yaml: 1 problem found\n  spec.yaml:1:9: the file is not valid UTF-8 text; it looks binary, not a YAML spec\n      hint: save the spec as UTF-8 text\n',
  },
  {
    name: 'a host name carrying PowerShell syntax, a wrong type and a misspelt key',
    content: [
      'apiVersion: rdsctl/v1',
      'deployment: lab',
      'connection: { provider: lab, estate: ./estate.yaml }',
      'sessionHostPools:',
      '  - name: kiosks',
      '    hosts: ["kiosk01$(Remove-Item C:\\\\ -Recurse)"]',
      '    configuredBy: local',
      '    licensingMode: perDevice',
      '    licenseServers: [lic01.corp.contoso.com]',
      '    restartTermServiceAfterChange: sometimes',
      '    workgrup: true',
      'externalLicenseServers: [lic01.corp.contoso.com]',
      '',
    ].join('\n'),
    stderr: [
      'Error: spec.yaml: 3 problems found',
      '  spec.yaml:6:13: sessionHostPools[0].hosts[0]: expected a DNS host name (letters, digits, hyphens and dots) or a range such as rdsh[01:12].corp.contoso.com, got "kiosk01$(Remove-Item C:\\\\ -Recurse)"',
      '  spec.yaml:10:36: sessionHostPools[0].restartTermServiceAfterChange: expected true or false, got "sometimes"',
      '  spec.yaml:11:5: sessionHostPools[0].workgrup: unknown key "workgrup" (did you mean "workgroup"?)',
      '',
    ].join('\n'),
  },
];

describe('bad input', () => {
  it.each(cases)('$name: exit 3, one clear message, nothing written', async ({ content, stderr }) => {
    const cwd = copyExample('contoso');
    writeFileSync(path.join(cwd, 'spec.yaml'), content);
    const before = readdirSync(cwd).sort();
    for (const command of [['validate'], ['plan'], ['apply', '--auto-approve']]) {
      const result = await runCli([...command, '-f', 'spec.yaml'], { cwd });
      expect(result.exitCode).toBe(3);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(stderr);
    }
    expect(readdirSync(cwd).sort()).toEqual(before);
    expect(existsSync(path.join(cwd, '.rdsctl'))).toBe(false);
  });

  it('reads a spec with CRLF line endings and Windows paths', async () => {
    const cwd = copyExample('contoso');
    const crlf = readFileSync(path.join(cwd, 'rds.yaml'), 'utf8')
      .replace('./secrets/lab-agreement-number.txt', '.\\secrets\\lab-agreement-number.txt')
      .replace(/\n/g, '\r\n');
    writeFileSync(path.join(cwd, 'rds.yaml'), crlf);
    const apply = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd });
    expect(apply.stderr).not.toContain('Error');
    expect(apply.exitCode).toBe(0);
    expect((await runCli(['plan', '-f', 'rds.yaml', '--detailed-exitcode'], { cwd })).exitCode).toBe(0);
  });

  it('plan runs without a secret and names it; apply refuses before any change, listing every use at once', async () => {
    const cwd = copyExample('contoso');
    const spec = path.join(cwd, 'rds.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replaceAll('{ file: ./secrets/lab-agreement-number.txt }', '{ env: RDS_EA_NUMBER }'));
    const plan = await runCli(['plan', '-f', 'rds.yaml', '--detailed-exitcode'], { cwd, env: { RDS_EA_NUMBER: '' } });
    expect(plan.exitCode).toBe(2);
    expect(plan.stderr).toContain('Apply will need this secret, resolved before its first change: env RDS_EA_NUMBER.\n');
    const estate = path.join(cwd, '.rdsctl', 'lab', 'contoso.estate.json');
    const before = readFileSync(estate, 'utf8');

    const apply = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd, env: { RDS_EA_NUMBER: '' } });
    expect(apply.exitCode).toBe(3);
    expect(apply.stderr.split('\n').filter((line) => !line.startsWith('Read '))).toEqual([
      'Error: 2 secrets that apply needs are missing or malformed; nothing was changed',
      '  licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user] agreementNumber: environment variable RDS_EA_NUMBER is not set',
      '      hint: set RDS_EA_NUMBER in the environment of the apply (for example from your CI secret store)',
      '  licenseServer[lic02.corp.contoso.com].keyPack[ea-2022-device] agreementNumber: environment variable RDS_EA_NUMBER is not set',
      '      hint: set RDS_EA_NUMBER in the environment of the apply (for example from your CI secret store)',
      'Hint: plan runs without secrets, but apply resolves all of them before its first change; provide them and apply again',
      '',
    ]);
    expect(apply.stdout).not.toContain('applied');
    expect(readFileSync(estate, 'utf8')).toBe(before);
    expect(existsSync(`${estate}.lock`)).toBe(false);

    const withSecret = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd, env: { RDS_EA_NUMBER: '7654321' } });
    expect(withSecret.exitCode).toBe(0);
    expect(withSecret.stdout + withSecret.stderr).not.toContain('7654321');
    expect(readFileSync(estate, 'utf8')).not.toContain('7654321');
  });

  it('rejects bad flags with exit 3', async () => {
    const cwd = copyExample('contoso');
    const parallelism = await runCli(['plan', '-f', 'rds.yaml', '--parallelism', 'many'], { cwd });
    expect(parallelism.exitCode).toBe(3);
    expect(parallelism.stderr).toBe('Error: --parallelism expects a whole number from 1 to 1000, got "many"\n');
    const unknown = await runCli(['plna'], { cwd });
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toContain("unknown command 'plna'");
  });
});
