/**
 * What an apply lock says about its holder, in every provider's lock alike: a lease that ends
 * at `expiresAt` unless the holder renews it while it runs. Staleness is judged by that time
 * (on the clock of the machine that keeps the lock), never by a process id, which means
 * nothing on another runner.
 */
export interface LockOwner {
  user: string;
  machine: string;
  /** The CI run that holds it, e.g. `github:1234`, when the CI sets one. */
  ciRunId?: string;
}

export interface LockRecord {
  formatVersion: 1;
  /** Random id; `rdsctl force-unlock ID` names it. */
  id: string;
  /** What holds it: `apply`, `lab reset`, `pulumi`. */
  operation: string;
  owner: LockOwner;
  acquiredAt: string;
  renewedAt: string;
  expiresAt: string;
  /** `sha256:` digest of the plan being applied, once it is known. */
  planDigest?: string;
}

const LOCK_ID = /^[A-Za-z0-9-]{1,64}$/;

export function isLockId(value: string): boolean {
  return LOCK_ID.test(value);
}

/** A record read back from a lock file; anything else (half written, hand edited) is undefined. */
export function parseLockRecord(text: string): LockRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return asLockRecord(value);
}

/** A value that holds a lock record (read from a file, or in a lock host's answer); anything else is undefined. */
export function asLockRecord(input: unknown): LockRecord | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const value = input as Partial<LockRecord>;
  const owner = value.owner as Partial<LockOwner> | undefined;
  const times = [value.acquiredAt, value.renewedAt, value.expiresAt];
  if (typeof value.id !== 'string' || !isLockId(value.id) || typeof value.operation !== 'string') return undefined;
  if (typeof owner?.user !== 'string' || typeof owner.machine !== 'string') return undefined;
  if (owner.ciRunId !== undefined && typeof owner.ciRunId !== 'string') return undefined;
  if (value.planDigest !== undefined && typeof value.planDigest !== 'string') return undefined;
  if (!times.every((time) => typeof time === 'string' && !Number.isNaN(Date.parse(time)))) return undefined;
  return value as LockRecord;
}

export function isLeaseExpired(record: LockRecord, now: Date): boolean {
  return Date.parse(record.expiresAt) <= now.getTime();
}

/** `alice on build-7 (CI run github:1234)`. */
export function describeLockOwner(owner: LockOwner): string {
  return `${owner.user} on ${owner.machine}${owner.ciRunId ? ` (CI run ${owner.ciRunId})` : ''}`;
}
