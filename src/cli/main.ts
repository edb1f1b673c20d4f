/**
 * The command line: argv → command → exit code. Commands are one table, each loaded only when
 * it runs; this is the only place that sets `process.exitCode`, and the only catch that turns
 * errors into exit codes. Every command gets the same argument checks (no ignored positional
 * arguments, no contradicting options) and, in machine mode, a JSON error document.
 */
import { Command, CommanderError, Option as CommanderOption, type Option, type OptionValues } from 'commander';
import { checkJsonFormatConflict, checkNoTargetWithSavedPlan, checkOptionsNeed, checkPositionals, checkRequiredOption, checkSavedPlanOptions, type PositionalRule } from './check-arguments.js';
import { fileOption, formatOption, jsonOption, lockTimeoutOption, parallelismOption, targetOption } from './command-options.js';
import { usageErrorFromCommander } from './commander-error.js';
import { EXIT } from './exit-codes.js';
import { isMachineMode } from './machine-mode.js';
import { createOutput, type Output } from './output.js';
import { reportError } from './report-error.js';

interface CommandEntry {
  /** `plan`, or `lab reset` for a subcommand. */
  name: string;
  description: string;
  options: () => readonly Option[];
  positionals?: PositionalRule;
  /** Checks beyond the shared ones, run before the command is loaded. */
  check?: (command: Command) => void;
  run: (options: OptionValues, output: Output) => Promise<number>;
}

const WINDOWS_CONNECTION_FLAGS = ['transport', 'user', 'passwordEnv', 'keyFile', 'knownHostsFile', 'port', 'timeoutSeconds', 'gpoManagementHost'];
const DOCTOR_CONNECTION_FLAGS = ['provider', 'estate', 'deployment', ...WINDOWS_CONNECTION_FLAGS];

/** The Windows connection flags of `doctor` and `windows check` without a spec; `when` opens each description. */
const windowsConnectionOptions = (when: string): CommanderOption[] => [
  new CommanderOption('--transport <name>', when).choices(['ssh', 'psrp-ssh', 'winrm', 'local']),
  new CommanderOption('--user <name>', `${when}: remote user`),
  new CommanderOption('--password-env <variable>', `${when}: environment variable holding the password`),
  new CommanderOption('--key-file <path>', `${when}: SSH private key`),
  new CommanderOption('--known-hosts-file <path>', `${when}: SSH known_hosts file`),
  new CommanderOption('--port <n>', `${when}: remote port`),
  new CommanderOption('--timeout-seconds <n>', `${when}: per-host timeout`),
  new CommanderOption('--gpo-management-host <host>', `${when}: host with the GroupPolicy module`),
];

/** How doctor and report choose the estate: a spec, or hosts and connection flags without one. */
function estateSelectionOptions(history: string): Option[] {
  return [
    new CommanderOption('-f, --file <path>', 'spec file, or a directory holding rds.yaml (default: rds.yaml unless --hosts or --inventory is given)'),
    new CommanderOption('--hosts <list>', 'without a spec: comma-separated hosts (ranges allowed); their licence servers are found from their own configuration'),
    new CommanderOption('--inventory <file>', 'without a spec: a file listing hosts (YAML list or one per line; ranges allowed)'),
    new CommanderOption('--history <file>', history),
    new CommanderOption('--per-user-report', 'opt-in: also read which users hold per-user CALs; this writes: each licence server generates a usage report, which is read and then deleted'),
    parallelismOption('read'),
    new CommanderOption('--provider <name>', 'without a spec: lab or windows').choices(['lab', 'windows']),
    new CommanderOption('--estate <file>', 'without a spec, lab provider: the estate file'),
    new CommanderOption('--deployment <name>', 'without a spec, lab provider: names the live copy of the estate (default: lab)'),
    ...windowsConnectionOptions('without a spec, windows provider'),
  ];
}

function checkEstateSelection(command: Command): void {
  const { hosts, inventory } = command.opts<{ hosts?: string; inventory?: string }>();
  checkOptionsNeed(command, DOCTOR_CONNECTION_FLAGS, { present: hosts !== undefined || inventory !== undefined, describe: 'without a spec, with --hosts or --inventory' });
}

const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'validate',
    description: 'check a spec (schema, cross-references, provider settings) without reading any host',
    options: () => [fileOption(), jsonOption('print the result, or every problem, as JSON')],
    run: async (options, output) => (await import('./commands/validate.js')).runValidate(options as never, output),
  },
  {
    name: 'plan',
    description: 'read the live state and show what apply would change',
    options: () => [
      fileOption(),
      formatOption(['text', 'json', 'markdown']),
      jsonOption('same as --format json'),
      new CommanderOption('--detailed-exitcode', 'exit 2 when there are changes, 0 when there are none'),
      targetOption(),
      parallelismOption('read'),
      new CommanderOption('--out <file>', 'also save the plan to FILE, for rdsctl apply FILE'),
    ],
    run: async (options, output) => (await import('./commands/plan.js')).runPlan(options as never, output),
  },
  {
    name: 'apply',
    description: 'converge the estate to the spec',
    positionals: 'savedPlan',
    options: () => [
      fileOption(),
      new CommanderOption('--auto-approve', 'apply without asking (required without a terminal)'),
      jsonOption('print the apply report as JSON'),
      formatOption(['text', 'json', 'markdown']),
      targetOption(),
      parallelismOption('read or changed'),
      lockTimeoutOption(),
      new CommanderOption('--audit-log <file>', "append the audit log to FILE instead of policy.auditLog (default .rdsctl/audit.jsonl beside the spec)"),
    ],
    check: checkNoTargetWithSavedPlan,
    run: async (options, output) => (await import('./commands/apply.js')).runApply(options as never, output),
  },
  {
    name: 'force-unlock',
    description: 'release the apply lock LOCK_ID, whose holder is gone (asks first)',
    positionals: 'lockId',
    options: () => [fileOption(), new CommanderOption('--auto-approve', 'release without asking (required without a terminal)')],
    run: async (options, output) => (await import('./commands/force-unlock.js')).runForceUnlock(options as never, output),
  },
  {
    name: 'show',
    description: 'show the live state of the hosts the spec names',
    positionals: 'savedPlan',
    options: () => [
      fileOption(),
      jsonOption('print the live state as JSON (replayable as a lab estate); with FILE, the saved plan as plan --json prints it'),
      formatOption(['text', 'json', 'markdown']).default(undefined),
      new CommanderOption('--check', 'with FILE: re-read the estate and say whether the saved plan is still fresh (exit 0 fresh, 1 stale)'),
      parallelismOption('read'),
    ],
    check: (command) => checkSavedPlanOptions(command, ['check', 'format']),
    run: async (options, output) =>
      options['savedPlan'] === undefined
        ? (await import('./commands/show.js')).runShow(options as never, output)
        : (await import('./commands/show-saved-plan.js')).runShowSavedPlan({ format: 'text', ...options } as never, output),
  },
  {
    name: 'doctor',
    description: 'find why clients get no licence, from live state: findings grouped by root cause',
    options: () => [
      ...estateSelectionOptions("opt-in: read earlier counts from this file and add this run's (CAL trend, grace resets); old samples are thinned to keep it under 16 MiB"),
      formatOption(['text', 'json', 'markdown', 'sarif', 'prometheus', 'nagios']),
      jsonOption('same as --format json'),
      new CommanderOption('--out <file>', 'write the output to FILE (a temporary file in its directory, renamed into place) instead of stdout'),
      new CommanderOption('--fail-on <severity>', 'exit 4 when a finding is at least this severe (--format nagios: CRITICAL)').choices(['info', 'warning', 'error', 'critical']).default('error'),
    ],
    check: checkEstateSelection,
    run: async (options, output) => (await import('./commands/doctor.js')).runDoctorCommand(options as never, output),
  },
  {
    name: 'report',
    description: 'write a self-contained HTML licensing report (charts, topology, findings, forecast, issued CALs); json or csv for machines and auditors',
    options: () => [
      ...estateSelectionOptions('read earlier counts from this doctor history file (CAL trend and forecast); report never writes it'),
      formatOption(['html', 'json', 'csv']).default('html'),
      new CommanderOption('--out <file>', 'write the report to FILE (replaced whole) instead of stdout'),
      new CommanderOption('--expand-pool <pool...>', 'draw these pools host by host in the topology instead of as one node with a count (up to 200 hosts in all)'),
    ],
    check: checkEstateSelection,
    run: async (options, output) => (await import('./commands/report.js')).runReportCommand(options as never, output),
  },
  {
    name: 'export',
    description: 'read the live state and write a spec that reproduces it, for adopting an existing estate (the first plan is empty)',
    options: () => [
      new CommanderOption('-f, --file <path>', 'spec whose connection is used and whose declared hosts and GPOs are read (default: rds.yaml unless --provider, --estate, --hosts or --inventory is given)'),
      new CommanderOption('--hosts <list>', 'comma-separated hosts to export (ranges allowed); the licence servers they list are read too'),
      new CommanderOption('--inventory <file>', 'a file listing hosts to export (YAML list or one per line; ranges allowed)'),
      new CommanderOption('--gpo <name@domain>', 'a GPO to read, so the pools it configures are recognised (repeatable; @domain defaults to the hosts\' domain)').argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
      new CommanderOption('--out <file>', 'write the spec to FILE (whole, via a temporary file) instead of stdout; an existing FILE is refused'),
      new CommanderOption('--force', 'with --out: replace FILE if it exists'),
      parallelismOption('read'),
      new CommanderOption('--provider <name>', 'without a spec: lab or windows').choices(['lab', 'windows']),
      new CommanderOption('--estate <file>', 'without a spec, lab provider: the estate file (all its hosts and GPOs unless --hosts names some)'),
      new CommanderOption('--deployment <name>', 'without a spec: the exported deployment name (default: lab for the lab provider, else rds)'),
      ...windowsConnectionOptions('without a spec, windows provider'),
    ],
    check: (command) => {
      const { file, force, out } = command.opts<{ file?: string; force?: boolean; out?: string }>();
      checkOptionsNeed(command, DOCTOR_CONNECTION_FLAGS, { present: file === undefined, describe: 'without a spec (-f gives the connection)' });
      if (force && out === undefined) checkOptionsNeed(command, ['force'], { present: false, describe: 'with --out FILE' });
    },
    run: async (options, output) => (await import('./commands/export.js')).runExport(options as never, output),
  },
  {
    name: 'lab reset',
    description: 'discard changes made to the lab estate and start again from the example',
    options: () => [fileOption(), lockTimeoutOption()],
    run: async (options, output) => (await import('./commands/lab-reset.js')).runLabReset(options as never, output),
  },
  {
    name: 'lab connect',
    description: 'simulate a connection: would a CAL be issued, and by which licence server, or is the session refused?',
    options: () => [
      fileOption(),
      new CommanderOption('--host <name>', 'the session host connected to (required)'),
      new CommanderOption('--user <name>', 'the user connecting (per-user licensing)'),
      new CommanderOption('--device <name>', 'the client device connecting (per-device licensing)'),
      new CommanderOption('--dry-run', 'decide without consuming a CAL'),
      jsonOption('print the answer as JSON'),
    ],
    check: (command) => checkRequiredOption(command, '--host <name>'),
    run: async (options, output) => (await import('./commands/lab-connect.js')).runLabConnect(options as never, output),
  },
  {
    name: 'windows check',
    description: 'probe, read-only, every fact the windows provider assumes on your hosts, and report which held',
    options: () => [
      new CommanderOption('-f, --file <path>', 'spec file, or a directory holding rds.yaml (default: rds.yaml unless --hosts is given)'),
      new CommanderOption('--hosts <list>', 'without a spec: comma-separated hosts (ranges allowed)'),
      jsonOption('print the report as JSON (schemas/conformance-report.schema.json)'),
      parallelismOption('read'),
      ...windowsConnectionOptions('without a spec'),
    ],
    check: (command) => {
      const { hosts } = command.opts<{ hosts?: string }>();
      checkOptionsNeed(command, WINDOWS_CONNECTION_FLAGS, { present: hosts !== undefined, describe: 'without a spec, with --hosts' });
    },
    run: async (options, output) => (await import('./commands/windows-check.js')).runWindowsCheck(options as never, output),
  },
  {
    name: 'version',
    description: "print rdsctl's version, the Node.js version and the spec and file format versions",
    options: () => [jsonOption('print them as JSON')],
    run: async (options, output) => (await import('./commands/version.js')).runVersion(options as never, output),
  },
];

function withPositional(rule: PositionalRule | undefined, args: readonly string[], options: OptionValues): OptionValues {
  if (rule === 'savedPlan' && args.length === 1) return { ...options, savedPlan: args[0] };
  if (rule === 'lockId') return { ...options, lockId: args[0] };
  return options;
}

const GROUPS: Readonly<Record<string, string>> = { lab: 'work with the simulated lab estate', windows: 'work with real Windows hosts' };

export async function main(argv: readonly string[]): Promise<void> {
  const output = createOutput();
  const options = { debug: argv.includes('--debug'), machine: isMachineMode(argv) };
  try {
    process.exitCode = await run(normaliseVersionFlag(argv), output);
  } catch (error) {
    process.exitCode = reportError(error, output, options);
  }
}

/** `rdsctl --version` and `rdsctl -v` are `rdsctl version`. */
function normaliseVersionFlag(argv: readonly string[]): readonly string[] {
  const first = argv.findIndex((arg) => !arg.startsWith('-') || arg === '--version' || arg === '-v');
  const flag = argv[first];
  return flag === '--version' || flag === '-v' ? [...argv.slice(0, first), 'version', ...argv.slice(first + 1)] : argv;
}

async function run(argv: readonly string[], output: Output): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('rdsctl')
    .description('Keep Remote Desktop Services licensing in its desired state.')
    .option('--debug', 'print stack traces for unexpected errors')
    .option('--no-color', 'never colour output (NO_COLOR is honoured too)')
    .addHelpText('after', '\nrdsctl --version (or -v) prints the versions; see README "Exit codes" for what each exit code means.')
    .exitOverride()
    .configureOutput({ writeOut: (text) => output.stdout(text), writeErr: (text) => output.stderr(text), outputError: () => undefined })
    .showSuggestionAfterError(true)
    .hook('preAction', (_program, command) => output.setColorFlag(command.optsWithGlobals().color as boolean | undefined));

  const groups = new Map<string, Command>();
  for (const entry of COMMANDS) {
    const [group, name] = entry.name.includes(' ') ? entry.name.split(' ') : [undefined, entry.name];
    let parent = program;
    if (group !== undefined) {
      parent = groups.get(group) ?? program.command(group).description(GROUPS[group] ?? group);
      groups.set(group, parent);
    }
    const command = parent.command(name as string).description(entry.description).allowExcessArguments(true).exitOverride();
    for (const option of entry.options()) command.addOption(option);
    // --help is an ordinary option of each command, so an unknown option beside it is still an
    // error (commander's own --help shows help before it looks at the other options).
    command.helpOption(false).addOption(new CommanderOption('-h, --help', 'display help for command'));
    command.action(async (options: OptionValues, self: Command) => {
      if (options.help === true) {
        self.outputHelp();
        return;
      }
      delete options.help;
      checkPositionals(entry.name, self.args, entry.positionals ?? 'none');
      checkJsonFormatConflict(self);
      entry.check?.(self);
      exitCode = await entry.run(withPositional(entry.positionals, self.args, options), output);
    });
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    if (error.code === 'commander.help' && error.exitCode === 0) return EXIT.ok;
    throw usageErrorFromCommander(error);
  }
  return exitCode;
}
