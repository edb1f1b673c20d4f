/**
 * Where the CLI writes: results to stdout, progress and logs to stderr. Colour only on a
 * TTY, never with NO_COLOR or --no-color.
 */
import { shouldUseColor } from '../render/color.js';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
  /** One progress line on stderr. */
  progress(line: string): void;
  color(stream: 'stdout' | 'stderr'): boolean;
  /** `false` from --no-color; undefined leaves the decision to the terminal and environment. */
  setColorFlag(flag: boolean | undefined): void;
  /** True when a person can answer a prompt. */
  isInteractive(): boolean;
  /** True when stderr is a terminal, where a status line can be redrawn in place. */
  stderrIsTerminal(): boolean;
}

export function createOutput(): Output {
  let flag: boolean | undefined;
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    progress: (line) => void process.stderr.write(`${line}\n`),
    color: (stream) => shouldUseColor(stream === 'stdout' ? process.stdout : process.stderr, process.env, flag === false ? false : undefined),
    setColorFlag: (value) => {
      flag = value;
    },
    isInteractive: () => Boolean(process.stdin.isTTY && process.stdout.isTTY),
    stderrIsTerminal: () => Boolean(process.stderr.isTTY),
  };
}
