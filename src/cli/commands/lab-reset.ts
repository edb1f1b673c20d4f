import { RdsctlError } from '../../model/rdsctl-error.js';
import { resetLabEstate } from '../../providers/lab/lab-estate-files.js';
import { loadSpec } from '../../spec/load-spec.js';
import { leaseLengthMs } from '../../lock/lease-length.js';
import { lockContext } from '../../lock/lock-errors.js';
import { currentLockOwner } from '../../lock/lock-owner.js';
import { parseDuration } from '../../lock/parse-duration.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';

export async function runLabReset(options: { file: string; lockTimeout?: string }, output: Output): Promise<number> {
  const loaded = await loadSpec(options.file);
  const { connection, deployment } = loaded.spec;
  if (connection.provider !== 'lab' || connection.estate === undefined) {
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: `${loaded.file} does not use the lab provider; there is no lab estate to reset` });
  }
  const paths = await resetLabEstate(
    { specDirectory: loaded.directory, deployment, estate: connection.estate },
    {
      ...lockContext(deployment, options.file),
      request: { owner: currentLockOwner(), operation: 'lab reset', leaseMs: leaseLengthMs() },
      timeoutMs: parseDuration(options.lockTimeout ?? '0', '--lock-timeout'),
    },
  );
  output.stdout(`Lab estate reset: ${paths.live} is a fresh copy of ${paths.pristine}.\n`);
  return EXIT.ok;
}
