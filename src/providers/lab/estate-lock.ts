/**
 * The apply lock of a lab estate: a file beside the live copy, created exclusively (`wx`),
 * holding the owner's pid, host name and start time. A lock whose process no longer exists
 * on this machine is stale and is taken over; any other lock refuses a second apply.
 */
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { RdsctlError } from '../../model/rdsctl-error.js';
import type { ProviderLock } from '../provider.js';
import { displayPath } from './display-path.js';
import type { LabEstatePaths } from './lab-estate-files.js';

interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

const TAKEOVER_ATTEMPTS = 3;

export async function acquireEstateLock(paths: Pick<LabEstatePaths, 'live' | 'lock'>): Promise<ProviderLock> {
  await mkdir(dirname(paths.lock), { recursive: true });
  const own: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  const content = `${JSON.stringify(own)}\n`;
  for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt += 1) {
    try {
      await writeFile(paths.lock, content, { flag: 'wx' });
      return { release: () => releaseLock(paths.lock, content) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const existing = await readFile(paths.lock, 'utf8').catch(() => undefined);
    if (existing === undefined) continue; // released meanwhile: try again
    const holder = parseHolder(existing);
    if (!holder || !isStale(holder)) throw lockedError(paths, holder);
    // Remove the stale lock only if it is still the one we judged, then try to take it.
    const again = await readFile(paths.lock, 'utf8').catch(() => undefined);
    if (again === existing) await unlink(paths.lock).catch(() => undefined);
  }
  throw lockedError(paths, parseHolder(await readFile(paths.lock, 'utf8').catch(() => '')));
}

async function releaseLock(lock: string, content: string): Promise<void> {
  const current = await readFile(lock, 'utf8').catch(() => undefined);
  if (current === content) await unlink(lock).catch(() => undefined);
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.startedAt === 'string') {
      return { pid: value.pid, host: value.host, startedAt: value.startedAt };
    }
  } catch {
    // A lock being written right now reads as empty: treat it as held.
  }
  return undefined;
}

/** Only a lock taken on this machine can be judged: a pid elsewhere says nothing here. */
function isStale(holder: LockHolder): boolean {
  return holder.host === hostname() && !isProcessAlive(holder.pid);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockedError(paths: Pick<LabEstatePaths, 'live' | 'lock'>, holder: LockHolder | undefined): RdsctlError {
  const owner = holder ? `pid ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}` : 'pid unknown';
  return new RdsctlError({
    code: 'LOCKED',
    kind: 'user',
    message: `another rdsctl apply holds the lock on ${displayPath(paths.live)} (${owner})`,
    detail: holder ? `lock taken at ${holder.startedAt}` : undefined,
    hint: `wait for it to finish; if no rdsctl apply is running, the lock is stale: delete ${displayPath(paths.lock)}`,
  });
}
