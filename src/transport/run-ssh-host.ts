/**
 * One host over plain OpenSSH: one `ssh` client process, the request and script on its stdin
 * (secrets included: never in arguments), the payload line back on stdout. stdin stays open
 * until the client exits: the bootstrap on the host ends its PowerShell at EOF, so a client
 * stopped at its budget, or an rdsctl that was killed, leaves nothing running there. The client runs in
 * a process group of its own, so a terminal's Ctrl-C does not cut the host's change short; at
 * the host's budget its whole group is stopped (SIGTERM, so it can end what it started, such as
 * a ProxyCommand, then SIGKILL) and the frame says why.
 */
import { execa } from 'execa';
import { classifySshFailure } from './classify-ssh-failure.js';
import { decodeClixml } from './decode-clixml.js';
import type { FanOutFrame, FanOutRequest } from './host-target.js';
import { encodeHostInput } from './host-script.js';
import { OWN_PROCESS_GROUP } from './process-groups.js';
import { buildSshArguments } from './ssh-arguments.js';
import { stopProcessGroupAt } from './stop-process-group.js';

export interface SshHostOptions {
  sshFile: string;
  commandLine: string;
  hostScript: string;
  connectTimeoutSeconds: number;
  signal?: AbortSignal;
  env?: Readonly<Record<string, string>>;
}

/** How stdin is written and stdout decoded; the bootstrap sets the host's console to the same. */
export const SSH_STDOUT_ENCODING = 'utf-8';

const PAYLOAD = 'RDSCTL-PAYLOAD:';
const ERROR = 'RDSCTL-ERROR:';
/** The OpenSSH client exits 255 when it, not the remote command, failed. */
const SSH_CLIENT_FAILED = 255;

function lastLineStarting(lines: readonly string[], prefix: string): string | undefined {
  const line = [...lines].reverse().find((candidate) => candidate.startsWith(prefix));
  return line?.slice(prefix.length);
}

export async function runSshHost(request: FanOutRequest, options: SshHostOptions): Promise<FanOutFrame> {
  const started = Date.now();
  const frame = (status: FanOutFrame['status'], rest: Partial<FanOutFrame>): FanOutFrame => ({ id: request.id, host: request.host, status, durationMs: Date.now() - started, ...rest });
  const subprocess = execa(options.sshFile, buildSshArguments(request.target, { connectTimeoutSeconds: options.connectTimeoutSeconds, commandLine: options.commandLine }), {
    detached: OWN_PROCESS_GROUP,
    ...(options.env ? { env: options.env } : {}),
    reject: false,
    stripFinalNewline: false,
    // SSH_STDOUT_ENCODING; stdin strings are written as UTF-8 too (Node's default).
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // A client that exits before reading it all (it could not connect) closes the pipe: EPIPE is
  // expected then, and the exit code and stderr tell why.
  subprocess.stdin?.on('error', () => undefined);
  subprocess.stdin?.write(encodeHostInput(request.inputJson, options.hostScript));
  const stop = stopProcessGroupAt(subprocess.pid, { timeoutMs: Math.max(1, request.timeoutSeconds) * 1000, graceMs: 2000, ...(options.signal ? { signal: options.signal } : {}) });
  const result = await subprocess;
  stop.dispose();
  const stdoutLines = String(result.stdout ?? '').split(/\r?\n/);
  const stderr = decodeClixml(String(result.stderr ?? ''));
  if (stop.reason === 'timeout') return frame('timeout', { error: { code: 'timeout', message: `no answer within ${request.timeoutSeconds} s (the ssh client was stopped)` } });
  if (stop.reason === 'cancelled') return frame('timeout', { error: { code: 'timeout', message: 'the run was cancelled, or reached its time limit, before the host answered' } });
  const payload = lastLineStarting(stdoutLines, PAYLOAD);
  if (payload !== undefined && result.exitCode === 0) return frame('ok', { payload });
  const scriptError = lastLineStarting(stdoutLines, ERROR);
  if (scriptError !== undefined) return frame('failed', { error: { code: 'failed', message: scriptError } });
  if (result.exitCode === SSH_CLIENT_FAILED || result.exitCode === undefined) {
    const failure = classifySshFailure(stderr);
    if (failure) return frame(failure.status, { error: { code: failure.code, message: failure.message } });
    const why = stderr.split('\n').slice(-3).join('; ') || result.shortMessage || 'the ssh client failed';
    return frame('unreachable', { error: { code: 'unreachable', message: why } });
  }
  const why = stderr.split('\n').slice(-3).join('; ') || `the host's PowerShell exited with ${result.exitCode} and no result`;
  return frame('failed', { error: { code: 'failed', message: why } });
}
