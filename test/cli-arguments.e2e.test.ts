/**
 * Nothing on the command line is silently ignored: stray positional arguments, contradicting
 * options and targets that select nothing are exit 3 with a hint, before any host is read.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseErrorDocument } from './support/error-document.js';
import { copyExample, runCli } from './support/run-cli.js';

describe('arguments', () => {
  it('refuses a spec given as a positional argument, suggesting -f, and changes nothing', async () => {
    const cwd = copyExample('contoso');
    const apply = await runCli(['apply', 'somethingelse.yaml', '--auto-approve'], { cwd });
    expect(apply).toMatchObject({ exitCode: 3, stdout: '' });
    expect(apply.stderr).toBe(
      'Error: apply: "somethingelse.yaml" is a spec, but the positional argument of apply is reserved for a saved plan\n' +
        'Hint: did you mean -f somethingelse.yaml? The spec is given with -f (default ./rds.yaml)\n',
    );
    expect(existsSync(path.join(cwd, '.rdsctl'))).toBe(false);

    const plan = await runCli(['plan', '/nonexistent/other.yaml', '--detailed-exitcode'], { cwd });
    expect(plan.exitCode).toBe(3);
    expect(plan.stderr).toBe(
      'Error: plan takes no positional arguments, got "/nonexistent/other.yaml"\nHint: did you mean -f /nonexistent/other.yaml? The spec is given with -f (default ./rds.yaml)\n',
    );
    const show = await runCli(['show', 'saved.plan'], { cwd });
    expect(show.exitCode).toBe(3);
    expect(show.stderr).toBe(
      'Error: saved plan saved.plan does not exist\nHint: write one with rdsctl plan --out FILE\n',
    );
    const validate = await runCli(['validate', 'a', 'b'], { cwd });
    expect(validate.exitCode).toBe(3);
    expect(validate.stderr).toBe('Error: validate takes no positional arguments, got "a", "b"\nHint: see rdsctl validate --help\n');
  });

  it('reads DIR/rds.yaml for -f DIR', async () => {
    const cwd = copyExample('contoso');
    mkdirSync(path.join(cwd, 'estate'));
    renameSync(path.join(cwd, 'rds.yaml'), path.join(cwd, 'estate', 'rds.yaml'));
    const missing = await runCli(['validate', '-f', '.'], { cwd });
    expect(missing.exitCode).toBe(3);
    expect(missing.stderr).toBe('Error: rds.yaml: no such file\nHint: rdsctl looks for ./rds.yaml; pass -f PATH\n');
    renameSync(path.join(cwd, 'estate', 'rds.yaml'), path.join(cwd, 'rds.yaml'));
    const found = await runCli(['validate', '-f', cwd], { cwd: path.dirname(cwd) });
    expect(found.exitCode).toBe(0);
    expect(found.stdout).toBe(`${path.join(cwd, 'rds.yaml')} is valid: 2 licence server(s), 15 session host(s) in 2 pool(s), 1 GPO(s).\n`);
  });

  it('refuses contradicting options', async () => {
    const cwd = copyExample('contoso');
    const both = await runCli(['plan', '--json', '--format', 'markdown'], { cwd });
    expect(both.exitCode).toBe(3);
    expect(parseErrorDocument(both.stdout).error).toEqual({
      code: 'USAGE',
      message: '--json conflicts with --format markdown',
      hint: '--json is short for --format json; give one format',
      exitCode: 3,
      diagnostics: [],
    });
    const doctor = await runCli(['doctor', '-f', 'rds.yaml', '--provider', 'windows', '--user', 'x'], { cwd });
    expect(doctor.exitCode).toBe(3);
    expect(doctor.stderr).toBe('Error: --provider, --user apply only without a spec, with --hosts or --inventory\nHint: see rdsctl doctor --help\n');
  });

  it('turns parser errors into USAGE errors with the did-you-mean as hint', async () => {
    const cwd = copyExample('contoso');
    const typo = await runCli(['plan', '--jsn', '--json'], { cwd });
    expect(typo.exitCode).toBe(3);
    expect(typo.stderr).toBe("Error: unknown option '--jsn'\nHint: did you mean --json?\n");
    expect(parseErrorDocument(typo.stdout).error.hint).toBe('did you mean --json?');
    const command = await runCli(['paln'], { cwd });
    expect(command.exitCode).toBe(3);
    expect(command.stderr).toBe("Error: unknown command 'paln'\nHint: did you mean plan?\n");
  });
});

describe('--target', () => {
  it('refuses a target that selects nothing, naming the real addresses', async () => {
    const cwd = copyExample('contoso');
    const result = await runCli(['plan', '--target', 'sessionHost[nope.corp.contoso.com]'], { cwd });
    expect(result).toMatchObject({ exitCode: 3, stdout: '' });
    expect(result.stderr).toBe(
      'Error: --target sessionHost[nope.corp.contoso.com] selects nothing in the spec\nHint: the spec\'s session hosts: rdsh[01:12].corp.contoso.com, kiosk[01:03].corp.contoso.com\n',
    );
    const typo = await runCli(['plan', '--json', '--target', 'licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-usr]'], { cwd });
    expect(typo.exitCode).toBe(3);
    expect(parseErrorDocument(typo.stdout).error).toMatchObject({ code: 'TARGET_NOT_FOUND', hint: 'did you mean licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]?' });
  });

  it('resolves a unique short name and says targeting is in effect', async () => {
    const cwd = copyExample('contoso');
    const result = await runCli(['plan', '--target', 'sessionHost[kiosk03]', '--detailed-exitcode'], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('  # sessionHost[kiosk03.corp.contoso.com] will be updated\n      ~ licensingMode: "perUser" → "perDevice"\n');
    expect(result.stdout).toContain(
      // Piped, so wrapped at 100 columns.
      '  warning: Resource targeting is in effect: only sessionHost[kiosk03.corp.contoso.com] and what they\n    depend on are planned, so the plan may be incomplete.\n',
    );
    expect(result.stdout).toContain('Plan: 0 to create, 1 to update, 0 to delete, 0 refused.');
  });

  it('pulls in the GPO of a GPO-configured host, and says so', async () => {
    const cwd = copyExample('contoso');
    const result = await runCli(['plan', '--target', 'sessionHost[rdsh03.corp.contoso.com]', '--detailed-exitcode'], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('  # gpo[RDS Licensing - Finance] will be updated\n');
    expect(result.stdout).toContain(
      '  info: gpo[RDS Licensing - Finance] is included: sessionHost[rdsh03.corp.contoso.com] takes its\n    licensing settings from it (pool "finance")\n',
    );
    expect(result.stdout).not.toContain('No changes');
  });

  it('refuses an unknown option beside --help, so a renamed flag in a pipeline is caught', async () => {
    const cwd = copyExample('contoso');
    const withBogus = await runCli(['plan', '--help', '--detailed-exitcodes'], { cwd });
    expect(withBogus).toMatchObject({ exitCode: 3, stdout: '' });
    expect(withBogus.stderr).toBe("Error: unknown option '--detailed-exitcodes'\nHint: did you mean --detailed-exitcode?\n");

    const help = await runCli(['lab', 'connect', '--help'], { cwd });
    expect(help).toMatchObject({ exitCode: 0, stderr: '' });
    expect(help.stdout).toContain('  --host <name>      the session host connected to (required)\n');
    expect(help.stdout).toContain('  -h, --help         display help for command\n');

    const missing = await runCli(['lab', 'connect', '--user', 'alice'], { cwd });
    expect(missing).toMatchObject({ exitCode: 3, stdout: '' });
    expect(missing.stderr).toBe("Error: required option '--host <name>' not specified\nHint: see rdsctl lab connect --help\n");
  });
});
