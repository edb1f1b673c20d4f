/**
 * The one command line the ssh transport asks a host to run: the host's PowerShell with the
 * fixed bootstrap (providers/ssh/bootstrap.ps1) as -EncodedCommand, base64 of its UTF-16LE
 * text. Base64 and the few flags need no quoting in cmd.exe, PowerShell or a POSIX shell, so
 * the line means the same whatever shell the host's OpenSSH server starts it in.
 */
import { readFileSync } from 'node:fs';
import { RdsctlError } from '../model/rdsctl-error.js';

/** cmd.exe's limit on a command line (Win32-OpenSSH's default shell). */
export const CMD_LINE_LIMIT = 8191;

const POWERSHELL_FLAGS = '-NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand';

/** The bootstrap's statements, comments and blank lines dropped (they would only cost length). */
export function compactBootstrap(source: string): string {
  return source
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .join('\n');
}

export function encodePowerShellCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** A program name every shell runs as a command: no spaces or quotes (use 8.3 names, c:/progra~1/...). */
export function runsInEveryShell(file: string): boolean {
  return /^[A-Za-z0-9_.:\\/~+-]+$/.test(file);
}

export const REMOTE_POWERSHELL_HINT = 'use powershell.exe, pwsh, or a path without spaces or quotes (such as c:/progra~1/powershell/7/pwsh.exe)';

export function checkRemotePowerShell(file: string): string {
  if (runsInEveryShell(file)) return file;
  throw new RdsctlError({
    code: 'SPEC_INVALID',
    kind: 'user',
    message: `connection.remotePowerShell "${file}" cannot be run the same way by cmd.exe and PowerShell`,
    hint: REMOTE_POWERSHELL_HINT,
  });
}

export function buildRemoteCommandLine(options: { remotePowerShell: string; bootstrapFile: string }): string {
  const bootstrap = compactBootstrap(readFileSync(options.bootstrapFile, 'utf8'));
  const line = `${checkRemotePowerShell(options.remotePowerShell)} ${POWERSHELL_FLAGS} ${encodePowerShellCommand(bootstrap)}`;
  if (line.length > CMD_LINE_LIMIT) {
    throw new RdsctlError({ code: 'INTERNAL', kind: 'internal', message: `the ssh bootstrap command line is ${line.length} characters, over cmd.exe's ${CMD_LINE_LIMIT}` });
  }
  return line;
}
