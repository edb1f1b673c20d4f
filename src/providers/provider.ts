/**
 * The provider contract. Providers know the domain; transports know how to reach a machine.
 *
 * - `read` has no side effects, with one opt-in exception: `perUserReport` has each licence
 *   server generate a per-user CAL report (`Win32_TSLicenseReport.GenerateReportEx`), which
 *   writes a report object on the server; the provider reads it and deletes it again. `read`
 *   returns, per host, either that host's state or a structured error in `LiveState.errors`; one broken host never fails the others, and `read` itself
 *   rejects only when the provider as a whole cannot work (bad configuration, missing tools).
 * - `apply` carries out the operations of one change on one target, in order. Every operation
 *   is idempotent: the provider re-checks live state before acting and skips what already
 *   holds. Non-additive quantities (licence installs) are computed from live state at apply
 *   time. A failed apply reports what it actually did before failing, never throws for a
 *   domain failure, and never includes secret values in its messages.
 * - `lock` (optional) guards an estate against two applies at once. The lock lives where every
 *   runner that can apply sees it (beside the lab estate; on a licence server for Windows) and
 *   is taken without a check-then-act window: of any number of contenders, exactly one wins,
 *   also when they race to take over a lease that ran out. Leases are judged by the clock of
 *   the machine keeping the lock. A held lock is an answer (`held: false`), not an exception.
 * - `unsettledIntents` / `settleIntents` (optional): the estate's ledger of changes that add up.
 *   Before such a change the provider records its intent where every runner sees it, and its
 *   outcome after; the next apply, on any runner, reports an intent without outcome and settles it.
 * - `inventory` (optional) names every host and GPO the estate holds, for `rdsctl export` when
 *   no host is named. Only an estate that knows itself has one (the lab); Windows has no list.
 */
import type { ChangeTarget } from '../model/change.js';
import type { ChangeIntent, SettledIntent } from '../model/change-intent.js';
import type { LiveState } from '../model/live-state.js';
import type { Operation, SecretResolver } from '../model/operation.js';
import type { HeldLock } from '../lock/lock-errors.js';
import type { LockOwner, LockRecord } from '../lock/lock-record.js';

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
  /**
   * Also read per-user CAL usage. This read WRITES: each licence server generates a report
   * object, which the provider deletes after reading it (and names in `perUserReportLeftBehind`
   * when it could not).
   */
  perUserReport?: boolean;
  signal?: AbortSignal;
}

export interface ApplyRequest {
  target: ChangeTarget;
  operations: Operation[];
  resolveSecret: SecretResolver;
  signal?: AbortSignal;
  /** The change's record of intent (already in the audit log); an estate ledger records it under the same id. */
  intent?: ChangeIntent;
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

export interface LockRequest {
  owner: LockOwner;
  /** What takes it: `apply`, `lab reset`, `pulumi`. */
  operation: string;
  /** How long the lease lasts unless renewed. */
  leaseMs: number;
  planDigest?: string;
}

export type LockAttempt = ({ held: true; lock: ProviderLock }) | ({ held: false } & HeldLock);

export interface ProviderLock {
  readonly record: LockRecord;
  /**
   * Extends the lease by `leaseMs` from now (and records the plan digest once known).
   * `lost`: the lock is no longer this one (forced open, or taken over after its lease ran out).
   */
  renew(update?: { planDigest?: string }): Promise<'renewed' | 'lost'>;
  /** Removes the lock if it is still this one; never removes someone else's. */
  release(): Promise<void>;
}

export type ForceUnlockResult = ({ released: true; record: LockRecord; where: string }) | ({ released: false } & Partial<HeldLock> & { where: string });

export interface Provider {
  readonly name: string;
  read(request: ReadRequest): Promise<LiveState>;
  apply(request: ApplyRequest): Promise<ApplyResponse>;
  /** Try once to take the estate's apply lock. */
  lock?(request: LockRequest): Promise<LockAttempt>;
  /** Releases the lock with this id whoever holds it; `released: false` says what is there instead. */
  forceUnlock?(id: string): Promise<ForceUnlockResult>;
  /** The lock as it is now, without changing it. */
  inspectLock?(): Promise<Partial<HeldLock> & { where: string }>;
  /**
   * Intents the estate's own ledger holds without an outcome: changes that add up (licence
   * installs, revocations) whose run was killed in flight. `live` is the state this run read
   * (a Windows licence server reports its ledger in its read).
   */
  unsettledIntents?(live: LiveState): Promise<ChangeIntent[]>;
  /** Records in the estate's ledger what a later run observed for intents it found unsettled. */
  settleIntents?(settled: readonly SettledIntent[]): Promise<void>;
  /** Every host and GPO the estate holds, without reading their state. */
  inventory?(): Promise<{ hosts: string[]; gpos: GpoRef[] }>;
  close?(): Promise<void>;
}
