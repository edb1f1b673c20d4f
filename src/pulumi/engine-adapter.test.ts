import { describe, expect, it } from 'vitest';
import { RdsctlError } from '../model/rdsctl-error.js';
import type { Plan } from '../model/plan.js';
import type { LockRecord } from '../lock/lock-record.js';
import type { LockAttempt, Provider } from '../providers/provider.js';
import { preflightSecrets, withApplyLock } from './engine-adapter.js';

const HOLDER: LockRecord = {
  formatVersion: 1,
  id: '7d1c0c9e-4bb5-4b59-9a51-3f0f1d2c5e11',
  operation: 'apply',
  owner: { user: 'alice', machine: 'build-7', ciRunId: 'github:42' },
  acquiredAt: '2026-01-05T10:00:00.000Z',
  renewedAt: '2026-01-05T10:00:00.000Z',
  expiresAt: '2026-01-05T10:01:00.000Z',
};

function lockingProvider(): Provider & { held: number; most: number; refuseUntil: number } {
  const provider = {
    name: 'test',
    held: 0,
    most: 0,
    refuseUntil: 0,
    read: async () => ({ formatVersion: 1 as const, hosts: [], gpos: [], errors: [] }),
    apply: async () => ({ ok: true, results: [] }),
    async lock(): Promise<LockAttempt> {
      if (Date.now() < provider.refuseUntil || provider.held > 0) return { held: false, holder: HOLDER, where: 'estate.json.lock' };
      provider.held += 1;
      provider.most = Math.max(provider.most, provider.held);
      return { held: true, lock: { record: HOLDER, renew: async () => 'renewed', release: async () => void (provider.held -= 1) } };
    },
  };
  return provider;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withApplyLock', () => {
  it('runs one task at a time in this process, each holding the provider lock', async () => {
    const provider = lockingProvider();
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        withApplyLock(provider, { timeoutMs: 5000, deployment: 'test' }, async () => {
          order.push(`${name}+`);
          await sleep(20);
          order.push(`${name}-`);
        }),
      ),
    );
    expect(order).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(provider.most).toBe(1);
    expect(provider.held).toBe(0);
  });

  it('waits while another process holds the lock, then takes it', async () => {
    const provider = lockingProvider();
    provider.refuseUntil = Date.now() + 300;
    let ran = false;
    await withApplyLock(provider, { timeoutMs: 5000, deployment: 'test' }, async () => {
      ran = true;
    });
    expect(ran).toBe(true);
    expect(Date.now()).toBeGreaterThanOrEqual(provider.refuseUntil);
  });

  it('gives up after the timeout with the holder named, and leaves the queue working', async () => {
    const provider = lockingProvider();
    provider.refuseUntil = Date.now() + 60_000;
    await expect(withApplyLock(provider, { timeoutMs: 250, deployment: 'contoso', specFile: 'site/rds.yaml' }, async () => undefined)).rejects.toMatchObject({
      code: 'LOCK_TIMEOUT',
      message: expect.stringMatching(/^the apply lock of deployment contoso is held by alice on build-7 \(CI run github:42\) \(apply\) since 2026-01-05T10:00:00.000Z after waiting 2\d\d ms$/),
      hint: `wait for it with --lock-timeout DURATION; if that run is gone, its lease expires by itself, or release it now with: rdsctl force-unlock ${HOLDER.id} -f site/rds.yaml`,
    });
    provider.refuseUntil = 0;
    const slow = withApplyLock(provider, { timeoutMs: 5000, deployment: 'contoso' }, () => sleep(400));
    await expect(withApplyLock(provider, { timeoutMs: 100, deployment: 'contoso' }, async () => undefined)).rejects.toThrow(
      'another change of this Pulumi operation still holds it',
    );
    await slow;
    await expect(withApplyLock(provider, { timeoutMs: 1000, deployment: 'contoso' }, async () => 'after')).resolves.toBe('after');
  });
});

describe('preflightSecrets', () => {
  it('resolves every secret the runnable changes need before any change, skipping refused ones', async () => {
    const asked: string[] = [];
    const install = (address: string, env: string, refused = false) => ({
      address,
      resource: 'licenseServer.keyPack' as const,
      action: 'create' as const,
      target: { kind: 'host' as const, host: 'lic01' },
      attributes: [],
      dependsOn: [],
      needsSecrets: true,
      ...(refused ? { refused: { rule: 'keyPackRemoval' as const, policyKey: 'policy.allow.keyPackRemoval', message: 'no' } } : {}),
      operations: [{ kind: 'installLicenses' as const, group: { product: 'windowsServer2022' as const, type: 'perUser' as const, channel: 'volume' as const }, program: 'select' as const, targetTotal: 1, plannedDelta: 1, secrets: { agreementNumber: { env } } }],
    });
    const plan = { changes: [install('a', 'A'), install('b', 'B', true)] } as unknown as Plan;
    await preflightSecrets(plan, async (ref, purpose) => {
      asked.push(`${ref.env} ${purpose}`);
      return '1234567';
    });
    expect(asked).toEqual(['A a agreementNumber']);
    await expect(
      preflightSecrets(plan, async () => {
        throw new RdsctlError({ code: 'SECRET_UNAVAILABLE', kind: 'user', message: 'a agreementNumber: environment variable A is not set' });
      }),
    ).rejects.toMatchObject({ code: 'SECRETS_MISSING', diagnostics: [{ code: 'SECRET_UNAVAILABLE', summary: 'a agreementNumber: environment variable A is not set', address: 'a' }] });
  });
});
