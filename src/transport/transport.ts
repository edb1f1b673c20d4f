/**
 * How a phase's host requests reach their hosts. Every transport takes the same requests and
 * answers with the same frames (one per host, `RDSCTL-FRAME` protocol of host-target.ts), so
 * the provider's mapping, validation and per-host errors do not know which one ran.
 *
 * Contract: `run` resolves (never rejects for a host's failure); a request without a frame in
 * `frames` never answered, and the run's fields say why (timed out, aborted, did not start).
 * One hung host never holds the others: each has its own timeout inside the run.
 */
import type { FanOutFrame, FanOutRequest } from './host-target.js';
import type { FanOutRun } from './run-fan-out.js';

export interface TransportRunOptions {
  requests: readonly FanOutRequest[];
  /** Hosts in flight at once. */
  parallelism: number;
  /** The run's overall budget; hosts still running then are stopped. */
  timeoutMs: number;
  signal?: AbortSignal;
  onFrame?: (frame: FanOutFrame) => void;
}

export interface Transport {
  /** `ssh` (OpenSSH exec), or `powershell` (the local fan-out runner: psrp-ssh, winrm, local). */
  readonly name: 'ssh' | 'powershell';
  run(options: TransportRunOptions): Promise<FanOutRun>;
}

export type { FanOutRun } from './run-fan-out.js';
