/**
 * The CI examples in examples/ci/ stay runnable: the GitHub workflows pass a real workflow
 * linter, and every `rdsctl …` command line in any of them is accepted by the CLI (run against
 * the contoso example with --help appended: the CLI refuses an unknown option even beside --help,
 * and each flag it uses is one the command lists), so
 * a renamed flag breaks this test instead of a user's pipeline.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { copyExample, REPO_ROOT, runCli } from './support/run-cli.js';

const CI = path.join(REPO_ROOT, 'examples', 'ci');
const GITHUB = readdirSync(path.join(CI, 'github')).filter((name) => name.endsWith('.yml')).map((name) => path.join(CI, 'github', name));
const PIPELINES = [...GITHUB, path.join(CI, 'azure-pipelines.yml'), path.join(CI, 'gitlab-ci.yml')];
const VALIDATOR = path.join(REPO_ROOT, 'node_modules', '.bin', 'action-validator');

async function lint(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(VALIDATOR, [file], { env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** Every line of every string in the document that runs rdsctl, cut at the first shell operator. */
function rdsctlCommandLines(file: string): string[][] {
  const strings: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(parse(readFileSync(file, 'utf8')));
  return strings
    .flatMap((text) => text.split('\n'))
    .map((line) => line.trim())
    .filter((line) => /^rdsctl\s/.test(line) && !line.startsWith('rdsctl:'))
    .map((line) => {
      const words = line.split(/\s+/);
      const end = words.findIndex((word) => /^(\||\|\||&&|;|>|>>|2>&1|<)$/.test(word) || word.startsWith('>'));
      return words.slice(1, end === -1 ? undefined : end);
    });
}

/** Runs the command line with --help appended, and checks that each flag it uses is one the command lists. */
async function problemsOf(args: readonly string[], cwd: string): Promise<string[]> {
  const line = args.join(' ');
  const help = await runCli([...args, '--help'], { cwd });
  if (help.exitCode !== 0 || help.stderr !== '') return [`${line}: exit ${help.exitCode}, ${help.stderr.trim()}`];
  const flags = args.filter((arg) => arg.startsWith('-')).map((arg) => arg.split('=')[0] as string);
  return flags.filter((flag) => !new RegExp(`(^|[ ,])${flag}[ ,<\\n]`, 'm').test(help.stdout)).map((flag) => `${line}: ${flag} is not an option of the command`);
}

describe('examples/ci', () => {
  it('has the GitHub plan, apply and drift workflows', () => {
    expect(GITHUB.map((file) => path.basename(file)).sort()).toEqual(['rdsctl-apply.yml', 'rdsctl-drift.yml', 'rdsctl-plan.yml']);
  });

  it.each(GITHUB.map((file) => [path.basename(file), file]))('%s passes action-validator', async (_name, file) => {
    expect(await lint(file)).toEqual({ code: 0, output: '' });
  });

  it('the linter fails a workflow with a mistake, so the lint above can fail', async () => {
    const broken = path.join(os.tmpdir(), `rdsctl-broken-workflow-${process.pid}.yml`);
    writeFileSync(broken, readFileSync(GITHUB[0] as string, 'utf8').replace('runs-on:', 'runs-onn:'));
    const result = await lint(broken);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('runs-onn');
  });

  it.each(PIPELINES.map((file) => [path.relative(CI, file), file]))('every rdsctl command line in %s is one the CLI accepts', async (_name, file) => {
    const lines = rdsctlCommandLines(file);
    expect(lines.length).toBeGreaterThan(0);
    const cwd = copyExample('contoso');
    for (const args of lines) expect(await problemsOf(args, cwd)).toEqual([]);
  });

  it('the command-line check catches a renamed flag', async () => {
    expect(await problemsOf(['plan', '-f', 'rds.yaml', '--outt', 'plan.json'], copyExample('contoso'))).toEqual([
      "plan -f rds.yaml --outt plan.json: exit 3, Error: unknown option '--outt'\nHint: did you mean --out?",
    ]);
  });

  it('covers plan --out, apply of the saved plan and the drift plan in each pipeline', () => {
    for (const file of [path.join(CI, 'azure-pipelines.yml'), path.join(CI, 'gitlab-ci.yml')]) {
      const lines = rdsctlCommandLines(file).map((args) => args.join(' '));
      expect(lines, file).toContain('plan -f rds.yaml --out rdsctl.plan.json --detailed-exitcode --format markdown');
      expect(lines, file).toContain('apply rdsctl.plan.json -f rds.yaml --auto-approve');
      expect(lines, file).toContain('plan -f rds.yaml --detailed-exitcode --format markdown');
    }
  });

  it('keeps the doctor history from run to run in each pipeline: downloads it, grows it, keeps it', () => {
    const keeps: Record<string, RegExp[]> = {
      'github/rdsctl-drift.yml': [/uses: actions\/download-artifact@v4\n\s+with:\n\s+name: rdsctl-doctor-history/, /uses: actions\/upload-artifact@v4\n\s+with:\n\s+name: rdsctl-doctor-history\n\s+path: doctor-history.jsonl/],
      'gitlab-ci.yml': [/-o doctor-history.jsonl "\$api\/jobs\/\$job\/artifacts\/doctor-history.jsonl"/, /when: always\n\s+paths: \[doctor-history.jsonl, doctor.md\]/],
      'azure-pipelines.yml': [/task: DownloadPipelineArtifact@2[^]*?tags: rdsctl-doctor-history[^]*?artifact: rdsctl-doctor-history/, /publish: doctor-history.jsonl\n\s+artifact: rdsctl-doctor-history\n\s+condition: always\(\)/],
    };
    for (const [name, patterns] of Object.entries(keeps)) {
      const file = path.join(CI, name);
      expect(rdsctlCommandLines(file).map((args) => args.join(' ')), name).toContain('doctor -f rds.yaml --format markdown --history doctor-history.jsonl');
      for (const pattern of patterns) expect(readFileSync(file, 'utf8'), name).toMatch(pattern);
    }
  });
});
