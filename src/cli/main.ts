/**
 * The command line: argv → command → exit code. Commands are loaded lazily; this is the only
 * place that sets `process.exitCode`, and the only catch that turns errors into exit codes.
 */
import { Command, CommanderError, Option } from 'commander';
import { EXIT } from './exit-codes.js';
import { reportError } from './report-error.js';
import { createOutput, type Output } from './output.js';

const VERSION = '0.1.0';

export async function main(argv: readonly string[]): Promise<void> {
  const output = createOutput();
  const debug = argv.includes('--debug');
  try {
    process.exitCode = await run(argv, output);
  } catch (error) {
    process.exitCode = reportError(error, output, debug);
  }
}

async function run(argv: readonly string[], output: Output): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('rdsctl')
    .description('Keep Remote Desktop Services licensing in its desired state.')
    .version(VERSION, '--version')
    .option('--debug', 'print stack traces for unexpected errors')
    .option('--no-color', 'never colour output (NO_COLOR is honoured too)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => output.stdout(text), writeErr: (text) => output.stderr(text) })
    .showSuggestionAfterError(true)
    .hook('preAction', (command) => output.setColorFlag(command.optsWithGlobals().color as boolean | undefined));

  const fileOption = (): Option => new Option('-f, --file <path>', 'spec file').default('rds.yaml');
  const parallelism = (): Option => new Option('--parallelism <n>', 'hosts read or changed at once').default('10');
  const target = (): Option => new Option('--target <address...>', 'limit to these resource addresses (and what they depend on)');
  const format = (): Option => new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text');

  program
    .command('validate')
    .description('check a spec without reading any host')
    .addOption(fileOption())
    .action(async (options) => {
      const { runValidate } = await import('./commands/validate.js');
      exitCode = await runValidate(options, output);
    });

  program
    .command('plan')
    .description('show what apply would change')
    .addOption(fileOption())
    .addOption(format())
    .option('--json', 'same as --format json')
    .option('--detailed-exitcode', 'exit 2 when there are changes, 0 when there are none')
    .addOption(target())
    .addOption(parallelism())
    .action(async (options) => {
      const { runPlan } = await import('./commands/plan.js');
      exitCode = await runPlan(options, output);
    });

  program
    .command('apply')
    .description('converge the estate to the spec')
    .addOption(fileOption())
    .option('--auto-approve', 'apply without asking (required without a terminal)')
    .option('--json', 'print the apply report as JSON')
    .addOption(target())
    .addOption(parallelism())
    .action(async (options) => {
      const { runApply } = await import('./commands/apply.js');
      exitCode = await runApply(options, output);
    });

  program
    .command('show')
    .description('show the live state of the hosts the spec names')
    .addOption(fileOption())
    .option('--json', 'print the live state as JSON (replayable as a lab estate)')
    .addOption(parallelism())
    .action(async (options) => {
      const { runShow } = await import('./commands/show.js');
      exitCode = await runShow(options, output);
    });

  program
    .command('doctor')
    .description('find why clients get no licence, from live state: findings grouped by root cause')
    .option('-f, --file <path>', 'spec file (default: rds.yaml unless --hosts or --inventory is given)')
    .option('--hosts <list>', 'without a spec: comma-separated hosts (ranges allowed); their licence servers are found from their own configuration')
    .option('--inventory <file>', 'without a spec: a file listing hosts (YAML list or one per line; ranges allowed)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown', 'sarif']).default('text'))
    .option('--json', 'same as --format json')
    .addOption(new Option('--fail-on <severity>', 'exit 4 when a finding is at least this severe').choices(['info', 'warning', 'error', 'critical']).default('error'))
    .option('--history <file>', 'opt-in: read earlier counts from this file and append this run\'s (CAL trend, grace resets)')
    .addOption(parallelism())
    .addOption(new Option('--provider <name>', 'without a spec: lab or windows').choices(['lab', 'windows']))
    .option('--estate <file>', 'without a spec, lab provider: the estate file')
    .option('--deployment <name>', 'without a spec, lab provider: names the live copy of the estate (default: lab)')
    .addOption(new Option('--transport <name>', 'without a spec, windows provider').choices(['ssh', 'winrm', 'local']))
    .option('--user <name>', 'without a spec, windows provider: remote user')
    .option('--password-env <variable>', 'without a spec, windows provider: environment variable holding the password')
    .option('--key-file <path>', 'without a spec, windows provider: SSH private key')
    .option('--known-hosts-file <path>', 'without a spec, windows provider: SSH known_hosts file')
    .option('--port <n>', 'without a spec, windows provider: remote port')
    .option('--timeout-seconds <n>', 'without a spec, windows provider: per-host timeout')
    .option('--gpo-management-host <host>', 'without a spec, windows provider: host with the GroupPolicy module')
    .action(async (options) => {
      const { runDoctorCommand } = await import('./commands/doctor.js');
      exitCode = await runDoctorCommand(options, output);
    });

  const lab = program.command('lab').description('work with the simulated lab estate');
  lab
    .command('reset')
    .description('discard changes made to the lab estate and start again from the example')
    .addOption(fileOption())
    .action(async (options) => {
      const { runLabReset } = await import('./commands/lab-reset.js');
      exitCode = await runLabReset(options, output);
    });
  lab
    .command('connect')
    .description('simulate a connection: would a CAL be issued, and by which licence server, or is the session refused?')
    .addOption(fileOption())
    .requiredOption('--host <name>', 'the session host connected to')
    .option('--user <name>', 'the user connecting (per-user licensing)')
    .option('--device <name>', 'the client device connecting (per-device licensing)')
    .option('--dry-run', 'decide without consuming a CAL')
    .option('--json', 'print the answer as JSON')
    .action(async (options) => {
      const { runLabConnect } = await import('./commands/lab-connect.js');
      exitCode = await runLabConnect(options, output);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error);
    throw error;
  }
  return exitCode;
}

function commanderExitCode(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
  return EXIT.invalid;
}
