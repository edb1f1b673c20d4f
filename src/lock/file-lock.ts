/**
 * rdsctl's file lock: a file holding a lease (see `lock-record.ts`). The lab estate's apply lock
 * (beside the live copy) and the doctor history's lock (`history-lock.ts`) are both this lock.
 * Every step is one atomic file-system call, so there is no check-then-act window:
 * - taking a free lock links a fully written file into place (`link` fails if one exists);
 * - taking over a lease that ran out, renewing, and releasing happen only while holding that
 *   lease's takeover marker (`<lock>.takeover-<id>`, itself a 10 s lease taken the same way):
 *   of any number of contenders exactly one holds it, and it re-reads the lock before replacing
 *   it by `rename`. A contender that was slow can therefore never remove or replace a lock newer
 *   than the one it judged, and a process killed while holding a marker blocks nobody for long.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { displayPath } from '../io/display-path.js';
import { readRegularFile } from '../io/read-regular-file.js';
import { leaseLengthMs } from './lease-length.js';
import { lockContext, lockHeldError } from './lock-errors.js';
import { currentLockOwner } from './lock-owner.js';
import { isLeaseExpired, parseLockRecord, type LockRecord } from './lock-record.js';
import type { ForceUnlockResult, LockAttempt, LockRequest, ProviderLock } from '../providers/provider.js';

/** Where the lock file is; its takeover markers and temporary files go beside it. */
export interface LockPaths {
  lock: string;
}
type Current = LockRecord | 'missing' | 'unreadable';

const ATTEMPTS = 5;
/** A takeover marker is held for milliseconds; one older than this was left by a dead process. */
const MARKER_LEASE_MS = 10_000;

export async function tryFileLock(paths: LockPaths, request: LockRequest, now: () => Date = () => new Date()): Promise<LockAttempt> {
  await mkdir(dirname(paths.lock), { recursive: true });
  const where = displayPath(paths.lock);
  const record = newRecord(request, now());
  let current: Current = 'missing';
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (await createExclusively(paths.lock, record)) return held(paths, record, request.leaseMs, now);
    current = await readCurrent(paths.lock);
    if (current === 'missing') continue; // released meanwhile
    if (current === 'unreadable' || !isLeaseExpired(current, now())) break;
    const judged = current;
    const outcome = await whileHoldingMarker(paths.lock, judged.id, async () => {
      const again = await readCurrent(paths.lock);
      if (typeof again !== 'object' || again.id !== judged.id) return false;
      await replaceAtomically(paths.lock, record);
      return true;
    });
    if (outcome === true) return held(paths, record, request.leaseMs, now);
    if (outcome === 'busy') break; // another contender is taking this lease over
  }
  return { held: false, where, ...(typeof current === 'object' ? { holder: current } : {}) };
}

export async function inspectFileLock(paths: LockPaths): Promise<{ holder?: LockRecord; where: string }> {
  const current = await readCurrent(paths.lock);
  return { where: displayPath(paths.lock), ...(typeof current === 'object' ? { holder: current } : {}) };
}

/** Removes lock `id` whoever holds it, and a takeover marker a crashed contender may have left. */
export async function forceFileUnlock(paths: LockPaths, id: string): Promise<ForceUnlockResult> {
  const where = displayPath(paths.lock);
  const notReleased = (current: Current): ForceUnlockResult => ({ released: false, where, ...(typeof current === 'object' ? { holder: current } : {}) });
  // Under lease `id`'s takeover marker, as renewing and taking over are: between the re-read and
  // the unlink no contender can replace lease `id` by a newer lock that the unlink would remove.
  const outcome = await whileHoldingMarker(paths.lock, id, async (): Promise<ForceUnlockResult> => {
    const current = await readCurrent(paths.lock);
    if (typeof current !== 'object' || current.id !== id) return notReleased(current);
    await unlink(paths.lock).catch(ignoreMissing);
    return { released: true, record: current, where };
  });
  // Busy: the holder is renewing lease `id`, or a contender is taking it over, at this moment.
  return outcome === 'busy' ? notReleased(await readCurrent(paths.lock)) : outcome;
}

function held(paths: LockPaths, initial: LockRecord, leaseMs: number, now: () => Date): { held: true; lock: ProviderLock } {
  let record = initial;
  const lock: ProviderLock = {
    get record() {
      return record;
    },
    async renew(update) {
      const outcome = await whileHoldingMarker(paths.lock, record.id, async () => {
        const again = await readCurrent(paths.lock);
        if (typeof again !== 'object' || again.id !== record.id) return 'lost' as const;
        const time = now();
        const next: LockRecord = { ...record, ...update, renewedAt: time.toISOString(), expiresAt: new Date(time.getTime() + leaseMs).toISOString() };
        await replaceAtomically(paths.lock, next);
        record = next;
        return 'renewed' as const;
      });
      // A contender holds the marker only after judging this lease expired: it is taking over.
      return outcome === 'busy' ? 'lost' : outcome;
    },
    async release() {
      await whileHoldingMarker(paths.lock, record.id, async () => {
        const again = await readCurrent(paths.lock);
        if (typeof again === 'object' && again.id === record.id) await unlink(paths.lock).catch(ignoreMissing);
      });
    },
  };
  return { held: true, lock };
}

function newRecord(request: LockRequest, time: Date): LockRecord {
  return {
    formatVersion: 1,
    id: randomUUID(),
    operation: request.operation,
    owner: request.owner,
    acquiredAt: time.toISOString(),
    renewedAt: time.toISOString(),
    expiresAt: new Date(time.getTime() + request.leaseMs).toISOString(),
    ...(request.planDigest ? { planDigest: request.planDigest } : {}),
  };
}

async function readCurrent(file: string): Promise<Current> {
  let text: string;
  try {
    text = (await readRegularFile({ file, kind: 'lock', shownAs: displayPath(file) })).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  return parseLockRecord(text) ?? 'unreadable';
}

/** Links a complete file into place, so the lock never exists half written; false if one exists. */
async function createExclusively(file: string, record: LockRecord): Promise<boolean> {
  const temporary = await writeTemporary(file, record);
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary).catch(ignoreMissing);
  }
}

async function replaceAtomically(file: string, record: LockRecord): Promise<void> {
  const temporary = await writeTemporary(file, record);
  try {
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(ignoreMissing);
    throw error;
  }
}

async function writeTemporary(file: string, record: LockRecord): Promise<string> {
  const temporary = `${file}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  const handle = await open(temporary, 'wx');
  try {
    await handle.writeFile(`${JSON.stringify(record)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temporary;
}

function markerOf(file: string, id: string): string {
  return `${file}.takeover-${id}`;
}

/**
 * Runs `task` holding lease `id`'s takeover marker; `busy` when another process holds it. The
 * marker is itself a short lease, so a process killed while holding it blocks nobody for long:
 * an expired marker is taken over the same way, under a marker of its own.
 */
async function whileHoldingMarker<T>(file: string, id: string, task: () => Promise<T>): Promise<T | 'busy'> {
  const marker = markerOf(file, id);
  const own = await tryMarkerLease(marker);
  if (own === undefined) return 'busy';
  try {
    return await task();
  } finally {
    const current = await readCurrent(marker).catch(() => 'missing' as const);
    if (typeof current === 'object' && current.id === own.id) await unlink(marker).catch(ignoreMissing);
  }
}

async function tryMarkerLease(marker: string): Promise<LockRecord | undefined> {
  const record = newRecord({ owner: currentLockOwner(), operation: 'takeover', leaseMs: MARKER_LEASE_MS }, new Date());
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (await createExclusively(marker, record)) return record;
    const current = await readCurrent(marker);
    if (current === 'missing') continue;
    if (current === 'unreadable' || !isLeaseExpired(current, new Date())) return undefined;
    const judged = current;
    const taken = await whileHoldingMarker(marker, judged.id, async () => {
      const again = await readCurrent(marker);
      if (typeof again !== 'object' || again.id !== judged.id) return false;
      await replaceAtomically(marker, record);
      return true;
    });
    return taken === true ? record : undefined;
  }
  return undefined;
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}

/**
 * Takes the lock once for a short lab operation (`lab connect`, a policy refresh) on behalf of
 * this user, or throws `LOCKED` naming the holder.
 */
export async function acquireFileLock(paths: LockPaths, who: { operation: string; deployment: string; specFile: string }): Promise<ProviderLock> {
  const attempt = await tryFileLock(paths, { owner: currentLockOwner(), operation: who.operation, leaseMs: leaseLengthMs() });
  if (attempt.held) return attempt.lock;
  throw lockHeldError(attempt, lockContext(who.deployment, who.specFile));
}
