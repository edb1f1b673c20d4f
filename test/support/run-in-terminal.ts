/**
 * Runs the CLI with a pseudo-terminal on stdin and stdout (util-linux `script`), as a person at
 * a terminal does, and types one answer once the prompt appears.
 */
import { spawn } from 'node:child_process';
import { CLI } from './run-cli.js';

export interface TerminalResult {
  exitCode: number | null;
  /** Everything the terminal showed, stdout and stderr together. */
  output: string;
}

export function runInTerminal(args: readonly string[], options: { cwd: string; answer: string }): Promise<TerminalResult> {
  const command = [process.execPath, CLI, ...args].map((word) => `'${word.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let answered = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    if (!answered && output.includes('Enter a value:')) {
      answered = true;
      child.stdin.write(`${options.answer}\n`);
    }
  });
  return new Promise((resolve) => child.on('close', (exitCode) => resolve({ exitCode, output })));
}
