/**
 * Runs a simulated connection against a spec's lab estate. The estate is read exactly as the lab
 * provider reads it (probes and verdicts included). Without a dry run, an issued CAL is consumed
 * in the live copy under the estate's apply lock, written atomically by the lab's own store.
 */
import type { DesiredModel } from '../engine/desired-model.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import { acquireFileLock } from '../lock/file-lock.js';
import { labEstatePaths } from '../providers/lab/lab-estate-files.js';
import { LabEstateStore } from '../providers/lab/lab-estate-store.js';
import { readEstate } from '../providers/lab/read-estate.js';
import type { LoadedSpec } from '../spec/loaded-spec.js';
import { consumeCal, type ConsumedCal } from './consume-cal.js';
import { issueTemporaryLicence } from './temporary-licence.js';
import { simulateConnection, type ConnectionOutcome, type ConnectionRequest } from './simulate-connection.js';

export interface LabConnection {
  outcome: ConnectionOutcome;
  /** Set when a CAL was consumed (not a dry run). */
  consumed?: ConsumedCal;
  /** Set when a device's first temporary licence was recorded (not a dry run). */
  temporaryIssued?: boolean;
}

export async function connectToLab(loaded: LoadedSpec, desired: DesiredModel, request: ConnectionRequest, options: { dryRun: boolean }): Promise<LabConnection> {
  const { connection, deployment } = loaded.spec;
  if (connection.provider !== 'lab' || connection.estate === undefined) {
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: `${loaded.file} does not use the lab provider; rdsctl lab connect simulates lab estates only` });
  }
  const paths = labEstatePaths({ specDirectory: loaded.directory, deployment, estate: connection.estate });
  const store = new LabEstateStore(paths);
  const lock = options.dryRun ? undefined : await acquireFileLock(paths, { operation: 'lab connect', deployment, specFile: loaded.file });
  try {
    await store.ensureCurrent();
    const estate = store.estate();
    const live = readEstate(store, { hosts: estate.hosts.map((host) => host.host), gpos: estate.gpos.map((gpo) => ({ name: gpo.name, domain: gpo.domain })) });
    const outcome = simulateConnection({ ...live, errors: [...live.errors, ...estate.errors] }, request, desired);
    if (!options.dryRun && outcome.decision === 'temporary' && outcome.firstTime) {
      const issuer = store.findHost(outcome.server);
      if (!issuer) return { outcome };
      store.replaceHost(issuer.index, issueTemporaryLicence(issuer.host, request.client.name, request.now).host);
      await store.persist();
      return { outcome, temporaryIssued: true };
    }
    if (options.dryRun || outcome.decision !== 'issued') return { outcome };
    const found = store.findHost(outcome.server);
    const consumed = found ? consumeCal(found.host, outcome.pool, { ...request.client, now: request.now }) : undefined;
    if (!found || !consumed) return { outcome };
    if (consumed.alreadyHeld) return { outcome, consumed };
    store.replaceHost(found.index, consumed.host);
    await store.persist();
    return { outcome, consumed };
  } finally {
    await lock?.release();
  }
}
