/**
 * The apply lock of a Windows estate, behind the Provider lock interface: a file on the lock
 * host, kept by providers/windows/apply-lock.ps1 (phase `lock`). The host decides atomically
 * who wins and judges leases by its own clock; this side only sends requests and checks answers.
 */
import { randomUUID } from 'node:crypto';
import type { LockRecord } from '../../lock/lock-record.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import type { ForceUnlockResult, LockAttempt, LockRequest, Provider, ProviderLock } from '../provider.js';
import type { WindowsLockPlace } from './lock-host.js';
import { mapLockAnswer, type LockAction, type LockAnswer } from './map-lock-answer.js';
import { readConnectionPassword } from './read-connection-password.js';
import { resolveHostTarget } from './resolve-host-target.js';
import { runTimeoutMs, type WindowsProviderContext } from './windows-provider-context.js';

export type WindowsApplyLock = Required<Pick<Provider, 'lock' | 'forceUnlock' | 'inspectLock'>>;

export function createWindowsApplyLock(context: WindowsProviderContext, place: WindowsLockPlace): WindowsApplyLock {
  const where = (answer: LockAnswer): string => `${place.host}: ${answer.path}`;

  async function send(action: LockAction, fields: Record<string, unknown>): Promise<LockAnswer> {
    const { connection, specDirectory } = context.options;
    const password = await readConnectionPassword(connection, specDirectory);
    const request = {
      id: 'lock',
      host: place.host,
      target: resolveHostTarget({ connection, specDirectory, host: place.host, password, remotePowerShellByHost: context.options.remotePowerShellByHost }),
      timeoutSeconds: context.readTimeoutSeconds,
      inputJson: JSON.stringify({ host: place.host, phase: 'lock', action, deployment: place.deployment, ...fields }),
    };
    const run = await context.transport().run({ requests: [request], parallelism: 1, timeoutMs: runTimeoutMs(1, 1, context.readTimeoutSeconds) });
    return mapLockAnswer(place.host, action, run.frames.get(request.id), run);
  }

  function held(initial: LockRecord, leaseMs: number): ProviderLock {
    let record = initial;
    return {
      get record() {
        return record;
      },
      async renew(update) {
        const answer = await send('renew', { id: record.id, leaseMs, ...(update?.planDigest ? { planDigest: update.planDigest } : {}) });
        if (answer.outcome !== 'renewed' || !answer.record) return 'lost';
        record = answer.record;
        return 'renewed';
      },
      async release() {
        try {
          await send('release', { id: record.id });
        } catch (error) {
          throw new RdsctlError({
            code: 'PROVIDER_UNAVAILABLE',
            kind: 'environment',
            message: `the apply lock ${record.id} could not be released: ${(error as Error).message}`,
            hint: `its lease ends by itself at ${record.expiresAt} (lock host's clock), or release it with rdsctl force-unlock ${record.id}`,
          });
        }
      },
    };
  }

  return {
    async lock(request: LockRequest): Promise<LockAttempt> {
      const answer = await send('take', {
        id: randomUUID(),
        operation: request.operation,
        owner: request.owner,
        leaseMs: request.leaseMs,
        ...(request.planDigest ? { planDigest: request.planDigest } : {}),
      });
      if (answer.outcome === 'held' && answer.record) return { held: true, lock: held(answer.record, request.leaseMs) };
      return { held: false, where: where(answer), ...(answer.holder ? { holder: answer.holder } : {}) };
    },
    async forceUnlock(id: string): Promise<ForceUnlockResult> {
      const answer = await send('forceRelease', { id });
      if (answer.outcome === 'released' && answer.record) return { released: true, record: answer.record, where: where(answer) };
      return { released: false, where: where(answer), ...(answer.holder ? { holder: answer.holder } : {}) };
    },
    async inspectLock() {
      const answer = await send('inspect', {});
      return { where: where(answer), ...(answer.holder ? { holder: answer.holder } : {}) };
    },
  };
}
