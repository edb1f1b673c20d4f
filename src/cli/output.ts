/**
 * Where the CLI writes: results to stdout, progress and logs to stderr. Colour only on a
 * TTY, never with NO_COLOR or --no-color; text as wide as the terminal, 100 columns when piped.
 */
import { shouldUseColor } from '../render/color.js';
import { escapeDisplayText } from '../render/escape-display-text.js';
import { textWidth } from '../render/terminal-width.js';
import { writeChunks } from './write-chunks.js';

export interface Output {
  stdout(text: string): void;
  /** Output rendered in pieces, written as it comes with the stream's backpressure, escaped as `stdout` escapes. */
  stdoutChunks(chunks: Iterable<string>): Promise<void>;
  stderr(text: string): void;
  /** One progress line on stderr. */
  progress(line: string): void;
  color(stream: 'stdout' | 'stderr'): boolean;
  /** The widest a line of text on stdout may be: COLUMNS, the terminal's width, or 100 when piped. */
  width(): number;
  /** `false` from --no-color; undefined leaves the decision to the terminal and environment. */
  setColorFlag(flag: boolean | undefined): void;
  /** True when a person can answer a prompt. */
  isInteractive(): boolean;
  /** True when stderr is a terminal, where a status line can be redrawn in place. */
  stderrIsTerminal(): boolean;
  /** Clears the status line on stderr (a terminal control only rdsctl itself may send). */
  clearStatusLine(): void;
}

export function createOutput(): Output {
  let flag: boolean | undefined;
  const color = (stream: 'stdout' | 'stderr'): boolean =>
    shouldUseColor(stream === 'stdout' ? process.stdout : process.stderr, process.env, flag === false ? false : undefined);
  return {
    // Everything shown passes through one escape, so text from hosts and files cannot drive the terminal.
    stdout: (text) => void process.stdout.write(escapeDisplayText(text, { keepStyles: color('stdout') })),
    stdoutChunks: (chunks) => writeChunks(process.stdout, chunks, (text) => escapeDisplayText(text, { keepStyles: color('stdout') })),
    stderr: (text) => void process.stderr.write(escapeDisplayText(text, { keepStyles: color('stderr') })),
    progress: (line) => void process.stderr.write(`${escapeDisplayText(line, { keepStyles: color('stderr') })}\n`),
    color,
    width: () => textWidth(process.stdout, process.env),
    clearStatusLine: () => void process.stderr.write('\r\u001b[K'),
    setColorFlag: (value) => {
      flag = value;
    },
    isInteractive: () => Boolean(process.stdin.isTTY && process.stdout.isTTY),
    stderrIsTerminal: () => Boolean(process.stderr.isTTY),
  };
}
