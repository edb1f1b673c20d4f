/**
 * Argument checks every command shares: no silently ignored positional arguments, and no
 * options that contradict each other. Each failure is a USAGE error with a hint.
 */
import type { Command } from 'commander';
import { RdsctlError } from '../model/rdsctl-error.js';

const LOOKS_LIKE_SPEC = /\.ya?ml$/i;

/** Commands whose one positional argument is reserved for a saved plan file, or is a required lock ID. */
export type PositionalRule = 'none' | 'savedPlan' | 'lockId';

export function checkPositionals(commandName: string, args: readonly string[], rule: PositionalRule): void {
  if (rule === 'lockId') {
    if (args.length === 1) return;
    throw new RdsctlError({
      code: 'USAGE',
      kind: 'user',
      message: `${commandName} takes exactly one lock ID, got ${args.length === 0 ? 'none' : args.map((arg) => JSON.stringify(arg)).join(', ')}`,
      hint: `the error of the apply that found the lock held names it: rdsctl ${commandName} LOCK_ID`,
    });
  }
  if (args.length === 0) return;
  const spec = args.find((arg) => LOOKS_LIKE_SPEC.test(arg));
  const specHint =
    spec === undefined
      ? undefined
      : commandName === 'export'
        ? `did you mean -f ${spec} (the spec whose connection is read) or --out ${spec} (the file to write)?`
        : `did you mean -f ${spec}? The spec is given with -f (default ./rds.yaml)`;
  if (rule === 'savedPlan' && args.length === 1) {
    resolveSavedPlanArgument(commandName, args[0] as string, specHint);
    return;
  }
  const quoted = args.map((arg) => JSON.stringify(arg)).join(', ');
  throw new RdsctlError({
    code: 'USAGE',
    kind: 'user',
    message: `${commandName} takes ${rule === 'savedPlan' ? 'at most one positional argument (a saved plan)' : 'no positional arguments'}, got ${quoted}`,
    hint: specHint ?? `see rdsctl ${commandName} --help`,
  });
}

/** The positional argument of `apply` and `show`: a saved plan. A YAML file gets "did you mean -f". */
export function resolveSavedPlanArgument(commandName: string, arg: string, specHint: string | undefined): void {
  if (specHint === undefined) return;
  throw new RdsctlError({
    code: 'USAGE',
    kind: 'user',
    message: `${commandName}: ${JSON.stringify(arg)} is a spec, but the positional argument of ${commandName} is reserved for a saved plan`,
    hint: specHint,
  });
}

/** Options that only mean something with a saved plan (`show FILE --check`). */
export function checkSavedPlanOptions(command: Command, options: readonly string[]): void {
  checkOptionsNeed(command, options, { present: command.args.length === 1, describe: `with a saved plan (rdsctl ${command.name()} FILE)` });
}

/**
 * `apply FILE` applies the saved plan exactly as it was reviewed: `--target` cannot narrow it
 * (the plan records its own targets), and silently ignoring the flag would apply more than asked.
 */
export function checkNoTargetWithSavedPlan(command: Command): void {
  if (command.args.length !== 1 || command.getOptionValueSource('target') !== 'cli') return;
  throw new RdsctlError({
    code: 'USAGE',
    kind: 'user',
    message: `--target cannot narrow a saved plan: rdsctl ${command.name()} FILE applies ${command.args[0]} exactly as it was reviewed`,
    hint: 'plan the narrower change with rdsctl plan --target ADDRESS --out FILE, review it, then apply that file',
  });
}

/** `--json` is `--format json`: combined with another explicit format it is a contradiction. */
export function checkJsonFormatConflict(command: Command): void {
  const options = command.opts<{ json?: boolean; format?: string }>();
  if (options.json !== true || options.format === undefined || options.format === 'json') return;
  if (command.getOptionValueSource('format') !== 'cli') return;
  throw new RdsctlError({
    code: 'USAGE',
    kind: 'user',
    message: `--json conflicts with --format ${options.format}`,
    hint: '--json is short for --format json; give one format',
  });
}

/** Options that only make sense together with `required` (e.g. the doctor's connection flags without a spec). */
export function checkOptionsNeed(command: Command, options: readonly string[], required: { present: boolean; describe: string }): void {
  if (required.present) return;
  const given = options.filter((name) => command.getOptionValueSource(name) === 'cli');
  if (given.length === 0) return;
  const flags = given.map((name) => `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`);
  throw new RdsctlError({
    code: 'USAGE',
    kind: 'user',
    message: `${flags.join(', ')} ${flags.length === 1 ? 'applies' : 'apply'} only ${required.describe}`,
    hint: `see rdsctl ${commandPath(command)} --help`,
  });
}

/** An option the command cannot run without, checked after --help so that help never needs it. */
export function checkRequiredOption(command: Command, flags: string): void {
  const name = flags.replace(/^--/, '').replace(/ .*$/, '').replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  if (command.getOptionValue(name) !== undefined) return;
  throw new RdsctlError({ code: 'USAGE', kind: 'user', message: `required option '${flags}' not specified`, hint: `see rdsctl ${commandPath(command)} --help` });
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}
