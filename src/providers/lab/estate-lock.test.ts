import { spawnSync } from 'node:child_process';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { createLabProvider } from './create-lab-provider.js';
import { resetLabEstate } from './lab-estate-files.js';
import { createLabFixture, type LabFixture } from './fixtures/lab-test-fixture.js';

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

async function writeLock(fixture: LabFixture, holder: object): Promise<void> {
  await mkdir(dirname(fixture.paths.lock), { recursive: true });
  await writeFile(fixture.paths.lock, JSON.stringify(holder));
}

async function rejection(promise: Promise<unknown>): Promise<RdsctlError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof RdsctlError)) throw new Error(`expected an RdsctlError, got ${String(error)}`);
  return error;
}

describe('lab estate lock', () => {
  let fixture: LabFixture;
  afterEach(() => fixture?.remove());

  it('lets one apply hold the lock and refuses another until it is released', async () => {
    fixture = await createLabFixture();
    const first = createLabProvider(fixture.options);
    const second = createLabProvider(fixture.options);
    const lock = await first.lock?.();
    expect(JSON.parse(await readFile(fixture.paths.lock, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });

    const error = await rejection(second.lock?.() ?? Promise.resolve());
    expect([error.code, error.kind]).toEqual(['LOCKED', 'user']);
    expect(error.message).toBe(`another rdsctl apply holds the lock on ${fixture.paths.live} (pid ${process.pid})`);
    expect(error.hint).toBe(`wait for it to finish; if no rdsctl apply is running, the lock is stale: delete ${fixture.paths.lock}`);

    await lock?.release();
    const again = await second.lock?.();
    await again?.release();
    await expect(readFile(fixture.paths.lock)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock whose process no longer exists', async () => {
    fixture = await createLabFixture();
    await writeLock(fixture, { pid: deadPid(), host: hostname(), startedAt: '2024-01-01T00:00:00.000Z' });
    const lock = await createLabProvider(fixture.options).lock?.();
    expect(JSON.parse(await readFile(fixture.paths.lock, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock?.release();
  });

  it('does not judge a lock taken on another machine', async () => {
    fixture = await createLabFixture();
    await writeLock(fixture, { pid: deadPid(), host: 'build-agent-7', startedAt: '2024-01-01T00:00:00.000Z' });
    const error = await rejection(createLabProvider(fixture.options).lock?.() ?? Promise.resolve());
    expect(error.message).toMatch(/\(pid \d+ on build-agent-7\)$/);
  });

  it('release leaves a lock alone that is no longer its own', async () => {
    fixture = await createLabFixture();
    const lock = await createLabProvider(fixture.options).lock?.();
    const other = JSON.stringify({ pid: 1, host: hostname(), startedAt: '2024-01-01T00:00:00.000Z' });
    await writeFile(fixture.paths.lock, other);
    await lock?.release();
    expect(await readFile(fixture.paths.lock, 'utf8')).toBe(other);
  });

  it('reset refuses to run while an apply holds the lock', async () => {
    fixture = await createLabFixture();
    const lock = await createLabProvider(fixture.options).lock?.();
    const error = await rejection(resetLabEstate(fixture.options));
    expect(error.code).toBe('LOCKED');
    await lock?.release();
  });
});
