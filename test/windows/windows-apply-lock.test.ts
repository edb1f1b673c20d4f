/**
 * The Windows apply lock (providers/windows/apply-lock.ps1) against the double: through the
 * provider (local transport), the file it keeps under the lock host's own ProgramData, and real
 * races of PowerShell processes creating it at once (FileMode.CreateNew is O_EXCL on Linux).
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import type { LockRecord } from '../../src/lock/lock-record.js';
import type { LockRequest, Provider } from '../../src/providers/provider.js';
import { createWindowsProvider } from '../../src/providers/windows/create-windows-provider.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, licenseServerState, type DoubleDirectory } from './windows-double-fixtures.js';

const LIC01 = 'lic01.corp.contoso.com';
const SCRIPTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'providers', 'windows');
const REQUEST: LockRequest = { owner: { user: 'alice', machine: 'build-7', ciRunId: 'github:42' }, operation: 'apply', leaseMs: 60_000 };
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describeWindows('windows-apply-lock', ({ pwsh }) => {
  let double: DoubleDirectory;
  let provider: Required<Pick<Provider, 'lock' | 'forceUnlock' | 'inspectLock'>>;
  let lockFile: string;

  beforeAll(async () => {
    double = await createDoubleDirectory({ [LIC01]: licenseServerState() });
    lockFile = path.join(double.programData(LIC01), 'rdsctl', 'locks', 'contoso.lock');
    const created = createWindowsProvider({
      connection: { provider: 'windows', transport: 'local', timeoutSeconds: 60 },
      specDirectory: double.path,
      parallelism: 1,
      // A local run serves the lock host in this process: it sees that host's ProgramData.
      environment: { ...double.environment, ProgramData: double.programData(LIC01) },
      powershell: { file: pwsh, edition: 'core' },
      lock: { deployment: 'contoso', host: LIC01 },
    });
    if (!created.lock || !created.forceUnlock || !created.inspectLock) throw new Error('the windows provider has no apply lock');
    provider = created as typeof provider;
  }, 60_000);

  const readLock = async (): Promise<LockRecord> => JSON.parse(await readFile(lockFile, 'utf8')) as LockRecord;

  it('takes a free lock as a file on the lock host, names it when held, renews, releases only its own', async () => {
    const first = await provider.lock(REQUEST);
    if (!first.held) throw new Error(`not taken: ${JSON.stringify(first)}`);
    const record = first.lock.record;
    expect(record).toEqual({
      formatVersion: 1,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      operation: 'apply',
      owner: { user: 'alice', machine: 'build-7', ciRunId: 'github:42' },
      acquiredAt: expect.stringMatching(ISO),
      renewedAt: record.acquiredAt,
      expiresAt: new Date(Date.parse(record.acquiredAt) + 60_000).toISOString(),
    });
    expect(await readLock()).toEqual(record);

    const second = await provider.lock({ ...REQUEST, owner: { user: 'bob', machine: 'build-8' } });
    expect(second).toEqual({ held: false, holder: record, where: `${LIC01}: ${lockFile}` });

    expect(await first.lock.renew({ planDigest: 'sha256:abc' })).toBe('renewed');
    const renewed = await readLock();
    expect(renewed).toEqual({ ...record, renewedAt: expect.stringMatching(ISO), expiresAt: expect.stringMatching(ISO), planDigest: 'sha256:abc' });
    expect(Date.parse(renewed.expiresAt) - Date.parse(renewed.renewedAt)).toBe(60_000);
    expect(Date.parse(renewed.renewedAt)).toBeGreaterThan(Date.parse(record.renewedAt));
    expect(first.lock.record).toEqual(renewed);

    expect(await provider.inspectLock()).toEqual({ holder: renewed, where: `${LIC01}: ${lockFile}` });
    expect(await provider.forceUnlock('00000000-0000-0000-0000-000000000000')).toEqual({ released: false, holder: renewed, where: `${LIC01}: ${lockFile}` });
    expect(await readLock()).toEqual(renewed);

    await first.lock.release();
    expect(await readdir(path.dirname(lockFile))).toEqual([]);
    expect(await provider.inspectLock()).toEqual({ where: `${LIC01}: ${lockFile}` });
    // Released by its holder, the lock is no longer this run's to renew.
    expect(await first.lock.renew()).toBe('lost');
  }, 300_000);

  it('takes over a lease that ran out, and the old holder then finds it lost; force-unlock releases by id', async () => {
    const stale: LockRecord = {
      formatVersion: 1,
      id: 'stale-1',
      operation: 'apply',
      owner: { user: 'carol', machine: 'build-9' },
      acquiredAt: '2026-01-05T10:00:00.000Z',
      renewedAt: '2026-01-05T10:00:00.000Z',
      expiresAt: '2026-01-05T10:01:00.000Z',
    };
    await mkdir(path.dirname(lockFile), { recursive: true });
    await writeFile(lockFile, `${JSON.stringify(stale)}\n`);
    const taken = await provider.lock(REQUEST);
    if (!taken.held) throw new Error(`not taken over: ${JSON.stringify(taken)}`);
    expect(taken.lock.record.id).not.toBe('stale-1');
    expect(await readLock()).toEqual(taken.lock.record);
    expect(await readdir(path.dirname(lockFile))).toEqual(['contoso.lock']);

    const released = await provider.forceUnlock(taken.lock.record.id);
    expect(released).toEqual({ released: true, record: taken.lock.record, where: `${LIC01}: ${lockFile}` });
    expect(await readdir(path.dirname(lockFile))).toEqual([]);
    expect(await taken.lock.renew()).toBe('lost');
  }, 300_000);

  it('reports a lock file that is not a lock record as held by nobody it can name, and leaves it', async () => {
    await writeFile(lockFile, 'not a lock\n');
    expect(await provider.lock(REQUEST)).toEqual({ held: false, where: `${LIC01}: ${lockFile}` });
    expect(await readFile(lockFile, 'utf8')).toBe('not a lock\n');
    await writeFile(lockFile, '');
    expect(await provider.forceUnlock('stale-1')).toEqual({ released: false, where: `${LIC01}: ${lockFile}` });
  }, 300_000);

  /**
   * `contenders` PowerShell processes load the lock script and, at the same instant, try to take
   * the lock of `deployment`: what each got, and its record when it won.
   */
  async function race(deployment: string, contenders: number, programData: string): Promise<{ outcome: string; id?: string }[]> {
    const barrier = path.join(double.path, `barrier-${deployment}`);
    await mkdir(barrier, { recursive: true });
    const script = [
      'param([string]$Scripts, [string]$Barrier, [string]$Id, [string]$Deployment)',
      '$ErrorActionPreference = "Stop"',
      '. (Join-Path $Scripts "rdsctl-common.ps1")',
      '. (Join-Path $Scripts "apply-lock.ps1")',
      '. (Join-Path $Scripts "unverified-facts.ps1")',
      // Everything is loaded: say so, then wait for the word to go, which all racers get at once.
      '[System.IO.File]::WriteAllText((Join-Path $Barrier $Id), "")',
      'while (-not [System.IO.File]::Exists((Join-Path $Barrier "go"))) { Start-Sleep -Milliseconds 2 }',
      '$request = [pscustomobject]@{ action = "take"; deployment = $Deployment; id = $Id; operation = "apply"; leaseMs = 60000; owner = [pscustomobject]@{ user = "racer"; machine = $Id } }',
      'ConvertTo-Json -Compress -Depth 6 (Invoke-RdsLockRequest $request)',
    ].join('\n');
    const scriptFile = path.join(double.path, 'race.ps1');
    await writeFile(scriptFile, script);
    const runs = Array.from({ length: contenders }, (_, i) =>
      new Promise<{ outcome: string; id?: string }>((resolve, reject) => {
        const child = spawn(pwsh, ['-NoProfile', '-NonInteractive', '-File', scriptFile, SCRIPTS, barrier, `racer-${i}`, deployment], { env: { ...process.env, ProgramData: programData } });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => {
          if (code !== 0) return reject(new Error(`racer ${i} exited ${code}: ${err}`));
          const answer = JSON.parse(out.trim().split('\n').pop() ?? '') as { outcome: string; record?: { id: string }; error?: unknown };
          if (answer.error) return reject(new Error(`racer ${i}: ${JSON.stringify(answer.error)}`));
          resolve({ outcome: answer.outcome, ...(answer.record ? { id: answer.record.id } : {}) });
        });
      }),
    );
    const deadline = Date.now() + 240_000;
    while ((await readdir(barrier)).length < contenders && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await writeFile(path.join(barrier, 'go'), '');
    return Promise.all(runs);
  }

  it('of processes racing for a free lock, or to take over a lease that ran out, exactly one wins', async () => {
    const programData = path.join(double.path, 'race-programdata');
    const locks = path.join(programData, 'rdsctl', 'locks');
    const free = await race('free', 4, programData);
    expect(free.filter((answer) => answer.outcome === 'held')).toHaveLength(1);
    expect(free.filter((answer) => answer.outcome === 'busy')).toHaveLength(3);
    const winner = free.find((answer) => answer.outcome === 'held')?.id;
    expect((JSON.parse(await readFile(path.join(locks, 'free.lock'), 'utf8')) as LockRecord).id).toBe(winner);

    const expired = { formatVersion: 1, id: 'gone-1', operation: 'apply', owner: { user: 'dave', machine: 'build-1' }, acquiredAt: '2026-01-05T10:00:00.000Z', renewedAt: '2026-01-05T10:00:00.000Z', expiresAt: '2026-01-05T10:01:00.000Z' };
    await writeFile(path.join(locks, 'expired.lock'), `${JSON.stringify(expired)}\n`);
    const takeover = await race('expired', 4, programData);
    expect(takeover.filter((answer) => answer.outcome === 'held')).toHaveLength(1);
    const taker = takeover.find((answer) => answer.outcome === 'held')?.id;
    expect((JSON.parse(await readFile(path.join(locks, 'expired.lock'), 'utf8')) as LockRecord).id).toBe(taker);
    // No temporary file or takeover marker is left behind.
    expect((await readdir(locks)).sort()).toEqual(['expired.lock', 'free.lock']);
  }, 300_000);
});
