/**
 * Runs the built CLI as a real process, the way a user does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(REPO_ROOT, 'bin', 'rdsctl.js');

export interface CliResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
}

export function startCli(args: readonly string[], options: RunOptions): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    // COLUMNS from the shell running the tests would change the width of text output.
    env: withoutUndefined({ ...process.env, COLUMNS: undefined, NO_COLOR: '1', FORCE_COLOR: '', ...options.env }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin?.end(options.input ?? '');
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(args: readonly string[], options: RunOptions): Promise<CliResult> {
  return startCli(args, options).done;
}

/** A private copy of an example directory, so tests never touch the repository's files. */
export function copyExample(name: string): string {
  const directory = realpathSync(mkdtempSync(path.join(os.tmpdir(), `rdsctl-${name}-`)));
  cpSync(path.join(REPO_ROOT, 'examples', name), directory, { recursive: true, filter: (source) => !source.includes(`${path.sep}.rdsctl`) });
  return directory;
}

/** A `copyExample` for one test file: every copy it makes is removed after the file's tests. */
export function copyExamplesForThisFile(): (name: string) => string {
  const copies: string[] = [];
  afterAll(() => copies.forEach((directory) => rmSync(directory, { recursive: true, force: true })));
  return (name) => {
    const directory = copyExample(name);
    copies.push(directory);
    return directory;
  };
}

function withoutUndefined(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}
