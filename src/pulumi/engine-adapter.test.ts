import { describe, expect, it } from 'vitest';
import { RdsctlError } from '../model/rdsctl-error.js';
import type { Plan } from '../model/plan.js';
import type { Provider } from '../providers/provider.js';
import { preflightSecrets, withApplyLock } from './engine-adapter.js';

function lockingProvider(): Provider & { held: number; most: number; refuseUntil: number } {
  const provider = {
    name: 'test',
    held: 0,
    most: 0,
    refuseUntil: 0,
    read: async () => ({ formatVersion: 1 as const, hosts: [], gpos: [], errors: [] }),
    apply: async () => ({ ok: true, results: [] }),
    async lock() {
      if (Date.now() < provider.refuseUntil || provider.held > 0) {
        throw new RdsctlError({ code: 'LOCKED', kind: 'user', message: 'another rdsctl apply holds the lock on estate.json (pid 1)', hint: 'wait for it' });
      }
      provider.held += 1;
      provider.most = Math.max(provider.most, provider.held);
      return { release: async () => void (provider.held -= 1) };
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
    await expect(withApplyLock(provider, { timeoutMs: 250, deployment: 'contoso' }, async () => undefined)).rejects.toMatchObject({
      code: 'LOCKED',
      message: 'could not take the apply lock of deployment contoso within 0.25 s: another rdsctl apply holds the lock on estate.json (pid 1)',
      hint: 'wait for it',
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
      return 'value';
    });
    expect(asked).toEqual(['A a agreementNumber']);
    await expect(
      preflightSecrets(plan, async () => {
        throw new RdsctlError({ code: 'SECRET_UNAVAILABLE', kind: 'user', message: 'a agreementNumber: environment variable A is not set' });
      }),
    ).rejects.toMatchObject({ code: 'SECRET_UNAVAILABLE' });
  });
});
