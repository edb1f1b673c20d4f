/**
 * Runs the fan-out runner once: ONE local PowerShell process for every host of a phase. Requests
 * (secrets included) go in on stdin only; frames are streamed back and handed out as each host
 * completes, so a thousand hosts never build one giant string. The runner has a process group
 * of its own, so a terminal's Ctrl-C reaches rdsctl only and changes in flight finish; in return
 * it watches rdsctl (RDSCTL_PARENT_PID) and ends itself, and its ssh clients, once rdsctl is gone.
 */
import { execa } from 'execa';
import { decodeClixml } from './decode-clixml.js';
import type { PowerShellCommand } from './find-powershell.js';
import type { FanOutFrame, FanOutRequest } from './host-target.js';
import { parseFrame } from './parse-frame.js';
import { OWN_PROCESS_GROUP } from './process-groups.js';
import { stopProcessGroupAt } from './stop-process-group.js';

export interface RunFanOutOptions {
  powershell: PowerShellCommand;
  /** Path of `rdsctl-fan-out.ps1`. */
  runnerScript: string;
  requests: readonly FanOutRequest[];
  /** Hosts run at once inside the one process. */
  parallelism: number;
  /** Kill the whole run after this long (the runner enforces per-host timeouts itself). */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Extra environment for the runner process. */
  env?: Readonly<Record<string, string>>;
  onFrame?: (frame: FanOutFrame) => void;
}

export interface FanOutRun {
  /** Frames by request id; a request without a frame never answered. */
  frames: Map<string, FanOutFrame>;
  /** Readable stderr of the runner (CLIXML decoded). */
  stderr: string;
  /**
   * Stdout lines that are not frames, the last few only. The OpenSSH client's own error lines
   * ("Could not resolve hostname …") arrive here: pwsh passes them to its stdout.
   */
  noise: string;
  exitCode?: number;
  timedOut: boolean;
  aborted: boolean;
  /** Set when the runner could not be started at all. */
  startError?: string;
}

export function encodeRequests(requests: readonly FanOutRequest[], parallelism: number): string {
  const lines = [JSON.stringify({ type: 'options', parallelism: Math.max(1, Math.floor(parallelism)) })];
  for (const request of requests) lines.push(JSON.stringify({ type: 'request', ...request }));
  return `${lines.join('\n')}\n`;
}

export async function runFanOut(options: RunFanOutOptions): Promise<FanOutRun> {
  const frames = new Map<string, FanOutFrame>();
  const noise: string[] = [];
  const subprocess = execa(
    options.powershell.file,
    ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', options.runnerScript],
    {
      input: encodeRequests(options.requests, options.parallelism),
      env: { ...options.env, RDSCTL_PARENT_PID: String(process.pid) },
      detached: OWN_PROCESS_GROUP,
      buffer: { stdout: false, stderr: true },
      reject: false,
      encoding: 'utf8',
    },
  );
  const stop = stopProcessGroupAt(subprocess.pid, { timeoutMs: options.timeoutMs, graceMs: 2000, ...(options.signal ? { signal: options.signal } : {}) });
  try {
    for await (const line of subprocess.iterable({ from: 'stdout' })) {
      const frame = parseFrame(String(line));
      if (!frame) keepNoise(noise, String(line));
      if (!frame || frames.has(frame.id)) continue;
      frames.set(frame.id, frame);
      options.onFrame?.(frame);
    }
  } catch {
    // The process ended abnormally; its result below says how.
  }
  const result = await subprocess;
  stop.dispose();
  const run: FanOutRun = {
    frames,
    stderr: decodeClixml(typeof result.stderr === 'string' ? result.stderr : ''),
    noise: noise.join('\n'),
    timedOut: stop.reason === 'timeout',
    aborted: stop.reason === 'cancelled',
  };
  if (typeof result.exitCode === 'number') run.exitCode = result.exitCode;
  if (result.failed && result.exitCode === undefined && !run.timedOut && !run.aborted) {
    run.startError = result.shortMessage ?? String(result.message);
  }
  return run;
}

const NOISE_LINES = 200;
const NOISE_LINE_LENGTH = 500;

function keepNoise(noise: string[], line: string): void {
  const text = line.trim();
  if (text === '') return;
  noise.push(text.slice(0, NOISE_LINE_LENGTH));
  if (noise.length > NOISE_LINES) noise.shift();
}
