/** Option definitions shared by several commands, so each reads the same everywhere. */
import { Option } from 'commander';

export const fileOption = (): Option => new Option('-f, --file <path>', 'spec file, or a directory holding rds.yaml').default('rds.yaml');

/** `verb` says what the command does to hosts: only `apply` changes them. */
export const parallelismOption = (verb: 'read' | 'read or changed'): Option =>
  new Option('--parallelism <n>', `how many hosts are ${verb} at once (1 to 1000)`).default('10');

export const targetOption = (): Option =>
  new Option('--target <address...>', 'limit to these resource addresses and what they depend on (a short host name resolves when it is unique)');

export const formatOption = (formats: readonly string[]): Option => new Option('--format <format>', 'output format').choices([...formats]).default('text');

export const jsonOption = (what: string): Option => new Option('--json', what);

export const lockTimeoutOption = (): Option =>
  new Option('--lock-timeout <duration>', 'wait this long for a held apply lock (e.g. 30s, 5m)').default('0s');
