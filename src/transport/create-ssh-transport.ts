/**
 * The ssh transport: one OpenSSH client process per host, at most `parallelism` at once, and no
 * local PowerShell at all. Hosts answer as they finish; at the run's budget every client still
 * running is stopped and its host answers as timed out.
 */
import type { FanOutFrame, FanOutRequest } from './host-target.js';
import type { FanOutRun } from './run-fan-out.js';
import { runSshHost } from './run-ssh-host.js';
import type { Transport } from './transport.js';

export interface SshTransportOptions {
  /** The OpenSSH client (default `ssh` on PATH). */
  sshFile?: string;
  /** The command line for a host's PowerShell (its target's remotePowerShell, or undefined for the default): buildRemoteCommandLine. */
  commandLine: (remotePowerShell: string | undefined) => string;
  hostScript: () => string;
  connectTimeoutSeconds: number;
  env?: Readonly<Record<string, string>>;
}

export function createSshTransport(options: SshTransportOptions): Transport {
  return {
    name: 'ssh',
    run: async (run) => {
      const frames = new Map<string, FanOutFrame>();
      const budget = AbortSignal.timeout(Math.max(1, run.timeoutMs));
      const signal = run.signal ? AbortSignal.any([run.signal, budget]) : budget;
      const hostScript = options.hostScript();
      const queue: FanOutRequest[] = [...run.requests];
      const worker = async (): Promise<void> => {
        for (let request = queue.shift(); request; request = queue.shift()) {
          if (signal.aborted) return;
          const frame = await runSshHost(request, {
            sshFile: options.sshFile ?? 'ssh',
            commandLine: options.commandLine(request.target.remotePowerShell),
            hostScript,
            connectTimeoutSeconds: Math.min(options.connectTimeoutSeconds, request.timeoutSeconds),
            signal,
            ...(options.env ? { env: options.env } : {}),
          });
          frames.set(request.id, frame);
          run.onFrame?.(frame);
        }
      };
      const workers = Math.max(1, Math.min(Math.floor(run.parallelism), run.requests.length));
      await Promise.all(Array.from({ length: workers }, worker));
      const result: FanOutRun = { frames, stderr: '', noise: '', timedOut: budget.aborted, aborted: run.signal?.aborted === true };
      return result;
    },
  };
}
