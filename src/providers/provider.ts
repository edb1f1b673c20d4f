/**
 * The provider contract. Providers know the domain; transports know how to reach a machine.
 *
 * - `read` has no side effects. It returns, per host, either that host's state or a structured
 *   error in `LiveState.errors`; one broken host never fails the others, and `read` itself
 *   rejects only when the provider as a whole cannot work (bad configuration, missing tools).
 * - `apply` carries out the operations of one change on one target, in order. Every operation
 *   is idempotent: the provider re-checks live state before acting and skips what already
 *   holds. Non-additive quantities (licence installs) are computed from live state at apply
 *   time. A failed apply reports what it actually did before failing, never throws for a
 *   domain failure, and never includes secret values in its messages.
 * - `lock` (optional) guards an estate against two applies at once.
 */
import type { ChangeTarget } from '../model/change.js';
import type { LiveState } from '../model/live-state.js';
import type { Operation, SecretResolver } from '../model/operation.js';

export interface GpoRef {
  name: string;
  domain: string;
}

export interface ReadRequest {
  /** Hosts to read (licence servers and session hosts). */
  hosts: string[];
  gpos: GpoRef[];
  /** Upper bound of hosts read at once. */
  parallelism: number;
  signal?: AbortSignal;
}

export interface ApplyRequest {
  target: ChangeTarget;
  operations: Operation[];
  resolveSecret: SecretResolver;
  signal?: AbortSignal;
}

export interface OperationResult {
  kind: Operation['kind'];
  /** `done`: the provider changed something; `noop`: the goal already held. */
  status: 'done' | 'noop' | 'failed';
  /** Plain words for the audit trail, e.g. "installed 50 licences". Never secrets. */
  detail?: string;
}

export interface ApplyFailure {
  code: string;
  message: string;
  /** Windows error code when there is one, e.g. `0x80041016`. */
  windowsCode?: string;
  step?: string;
}

export interface ApplyResponse {
  ok: boolean;
  results: OperationResult[];
  error?: ApplyFailure;
}

export interface ProviderLock {
  release(): Promise<void>;
}

export interface Provider {
  readonly name: string;
  read(request: ReadRequest): Promise<LiveState>;
  apply(request: ApplyRequest): Promise<ApplyResponse>;
  /** Take the estate's apply lock; rejects with an `RdsctlError` (`LOCKED`) when held. */
  lock?(): Promise<ProviderLock>;
  close?(): Promise<void>;
}
