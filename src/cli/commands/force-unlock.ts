/**
 * `rdsctl force-unlock LOCK_ID`: releases an apply lock whose holder is gone, after showing who
 * held it and asking (or with `--auto-approve`). Only the lock with exactly that id is removed,
 * so a lock taken since the id was read is never broken by mistake.
 */
import { describeHolder } from '../../lock/lock-errors.js';
import { isLockId } from '../../lock/lock-record.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { askYes } from '../confirm.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { createRunContext } from '../run-context.js';

export interface ForceUnlockOptions {
  file: string;
  lockId: string;
  autoApprove?: boolean;
}

export async function runForceUnlock(options: ForceUnlockOptions, output: Output): Promise<number> {
  if (!isLockId(options.lockId)) {
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: `force-unlock: ${JSON.stringify(options.lockId)} is not a lock ID`, hint: 'copy the lock ID from the error of the apply that found the lock held' });
  }
  if (!options.autoApprove && !output.isInteractive()) {
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: 'force-unlock needs confirmation, but there is no terminal to ask on', hint: `run rdsctl force-unlock ${options.lockId} --auto-approve` });
  }
  const context = await createRunContext({ file: options.file });
  try {
    const { provider } = context;
    const deployment = context.loaded.spec.deployment;
    if (!provider.inspectLock || !provider.forceUnlock) {
      throw new RdsctlError({ code: 'USAGE', kind: 'user', message: `the ${provider.name} provider keeps no apply lock` });
    }
    const current = await provider.inspectLock();
    if (current.holder?.id !== options.lockId) throw notHeld(deployment, options.lockId, current);
    output.stderr(`Lock ${options.lockId} of deployment ${deployment} is held by ${describeHolder({ holder: current.holder, where: current.where })}.\n`);
    output.stderr('Releasing it while that run still works lets another apply act at the same time.\n');
    if (!options.autoApprove && !(await askYes(output, 'Do you really want to force-unlock?'))) {
      throw new RdsctlError({ code: 'APPLY_CANCELLED', kind: 'user', message: 'force-unlock cancelled; the lock is still held', hint: 'only the answer "yes" releases it' });
    }
    const result = await provider.forceUnlock(options.lockId);
    if (!result.released) throw notHeld(deployment, options.lockId, result);
    output.stdout(`Released lock ${options.lockId} of deployment ${deployment} (${result.where}).\n`);
    return EXIT.ok;
  } finally {
    await context.provider.close?.();
  }
}

function notHeld(deployment: string, id: string, current: { holder?: { id: string }; where: string }): RdsctlError {
  if (current.holder?.id === id) {
    return new RdsctlError({
      code: 'LOCK_NOT_HELD',
      kind: 'user',
      message: `lock ${id} of deployment ${deployment} is being renewed or taken over at this moment; nothing was released`,
      hint: 'run the same force-unlock again in a few seconds',
    });
  }
  return new RdsctlError({
    code: 'LOCK_NOT_HELD',
    kind: 'user',
    message: current.holder
      ? `lock ${id} is not the apply lock of deployment ${deployment}: lock ${current.holder.id} holds it now`
      : `lock ${id} is not held: deployment ${deployment} has no apply lock (${current.where})`,
    hint: current.holder ? 'nothing was released; check who holds the current lock before releasing it' : 'nothing to release',
  });
}
