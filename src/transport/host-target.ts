/**
 * The fan-out protocol between rdsctl and `providers/windows/rdsctl-fan-out.ps1`: one request
 * per host on stdin (newline-delimited JSON), one frame per host on stdout.
 */
import type { TransportName } from '../model/spec.js';

/** How the runner reaches one host. `password` travels only on the runner's stdin. */
export interface HostTarget {
  transport: TransportName;
  /** Name or address to connect to (from `connection.addresses` when DNS does not know the name). */
  address: string;
  port?: number;
  user?: string;
  keyFile?: string;
  knownHostsFile?: string;
  password?: string;
  /** ssh transport: the PowerShell the host runs the scripts with (its pool's, its own, or the connection's). */
  remotePowerShell?: string;
  /** winrm transport: connect over HTTPS (`Invoke-Command -UseSSL`). */
  useSsl?: boolean;
}

export interface FanOutRequest {
  /** Unique within one run; frames carry it back. */
  id: string;
  /** The host as rdsctl names it (for messages). */
  host: string;
  target: HostTarget;
  /** Run timeout for this host, connection included. */
  timeoutSeconds: number;
  /** The host script's input, as JSON text: data, never spliced into script text. */
  inputJson: string;
}

export type FrameStatus = 'ok' | 'failed' | 'unreachable' | 'timeout';

export interface FanOutFrame {
  id: string;
  host: string;
  status: FrameStatus;
  durationMs: number;
  /** The host script's JSON output (status `ok`). */
  payload?: string;
  error?: { code: string; message: string };
}

export const FRAME_PREFIX = 'RDSCTL-FRAME ';
