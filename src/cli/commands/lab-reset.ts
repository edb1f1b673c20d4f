import { RdsctlError } from '../../model/rdsctl-error.js';
import { resetLabEstate } from '../../providers/lab/lab-estate-files.js';
import { loadSpec } from '../../spec/load-spec.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';

export async function runLabReset(options: { file: string }, output: Output): Promise<number> {
  const loaded = await loadSpec(options.file);
  const { connection, deployment } = loaded.spec;
  if (connection.provider !== 'lab' || connection.estate === undefined) {
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: `${loaded.file} does not use the lab provider; there is no lab estate to reset` });
  }
  const paths = await resetLabEstate({ specDirectory: loaded.directory, deployment, estate: connection.estate });
  output.stdout(`Lab estate reset: ${paths.live} is a fresh copy of ${paths.pristine}.\n`);
  return EXIT.ok;
}
