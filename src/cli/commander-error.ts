/**
 * A command-line parsing error from commander, as rdsctl's USAGE error: its message without
 * the "error:" prefix, and its did-you-mean as the hint.
 */
import type { CommanderError } from 'commander';
import { RdsctlError } from '../model/rdsctl-error.js';

export function usageErrorFromCommander(error: CommanderError): RdsctlError {
  if (error.code === 'commander.help') {
    return new RdsctlError({ code: 'USAGE', kind: 'user', message: 'no command given', hint: 'see rdsctl --help for the commands' });
  }
  const lines = error.message.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const message = (lines[0] ?? 'invalid command line').replace(/^error:\s*/, '');
  const single = /^unknown option '-([a-z][a-z-]+)'$/.exec(message);
  if (single) return new RdsctlError({ code: 'USAGE', kind: 'user', message, hint: `did you mean --${single[1]}?`, cause: error });
  const suggestion = lines.slice(1).join(' ').replace(/^\((.*)\)$/, '$1');
  return new RdsctlError({
    code: 'USAGE',
    kind: 'user',
    message,
    hint: suggestion !== '' ? suggestion.replace(/^Did you mean/, 'did you mean') : 'see rdsctl --help',
    cause: error,
  });
}
