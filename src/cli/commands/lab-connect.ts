/**
 * `rdsctl lab connect`: simulates a user or device connecting to a lab session host and says
 * whether a CAL would be issued, and from which licence server, or that the session is refused.
 * Exit 0 when the session is admitted, 4 when it is refused or cannot connect.
 */
import { expandSpec } from '../../engine/expand-spec.js';
import { connectToLab } from '../../lab-sim/connect-to-lab.js';
import type { ConnectionRequest } from '../../lab-sim/simulate-connection.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { renderLabConnectionJson, renderLabConnectionText } from '../../render/render-lab-connection.js';
import { loadSpec } from '../../spec/load-spec.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';

export interface LabConnectOptions {
  file: string;
  host: string;
  user?: string;
  device?: string;
  dryRun?: boolean;
  json?: boolean;
}

export async function runLabConnect(options: LabConnectOptions, output: Output): Promise<number> {
  if ((options.user === undefined) === (options.device === undefined)) {
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: 'give exactly one of --user NAME or --device NAME' });
  }
  const client: ConnectionRequest['client'] = options.user !== undefined ? { kind: 'user', name: options.user } : { kind: 'device', name: options.device as string };
  const loaded = await loadSpec(options.file);
  const desired = expandSpec(loaded);
  const request: ConnectionRequest = { host: options.host, client, now: new Date().toISOString() };
  const dryRun = options.dryRun === true;
  const connection = await connectToLab(loaded, desired, request, { dryRun });
  output.stdout(options.json ? renderLabConnectionJson(connection, request, { dryRun }) : renderLabConnectionText(connection, request, { dryRun, specFile: loaded.file }));
  const admitted = connection.outcome.decision === 'issued' || connection.outcome.decision === 'grace' || connection.outcome.decision === 'temporary' || connection.outcome.decision === 'noCalNeeded';
  return admitted ? EXIT.ok : EXIT.findings;
}
