/**
 * GPO operations: create, link, and set the two session-host licensing policies. After a
 * change, session hosts the GPO reaches pick it up at once (`lab.policyRefresh: immediate`,
 * the default) or keep their old policy values until a refresh (`manual`).
 */
import type { LiveGpo } from '../../../model/live-state.js';
import type { Operation } from '../../../model/operation.js';
import { normaliseDn } from '../gpo-scope.js';
import type { LabEstateStore } from '../lab-estate-store.js';
import { isReachedBy, refreshHostsPolicy } from '../refresh-policy.js';
import { describeMode } from './session-host-operations.js';
import { done, failed, noop, type OperationOutcome } from './operation-outcome.js';

export type GpoOperation = Extract<Operation, { kind: 'setGpoLicensingMode' | 'setGpoLicenseServers' | 'createGpo' | 'linkGpo' }>;

export function applyGpoOperation(operation: GpoOperation, store: LabEstateStore): OperationOutcome {
  const found = store.findGpo(operation.gpo, operation.domain);
  const label = `GPO "${operation.gpo}"`;
  if (operation.kind === 'createGpo') {
    if (found?.gpo.exists) return noop(`${label} already exists in ${found.gpo.domain}`);
    const created: LiveGpo = { name: operation.gpo, domain: operation.domain, exists: true, links: [], licensingMode: null, licenseServers: null };
    if (found) store.replaceGpo(found.index, created);
    else store.addGpo(created);
    return done(`created ${label} in ${operation.domain}`);
  }
  if (!found?.gpo.exists) return failed('GPO_NOT_FOUND', `${label} does not exist in ${operation.domain}`);
  const { gpo, index } = found;
  const change = (next: LiveGpo, detail: string): OperationOutcome => {
    store.replaceGpo(index, next);
    return done(`${detail}${refreshAfterChange(store, next)}`);
  };
  switch (operation.kind) {
    case 'setGpoLicensingMode':
      if (gpo.licensingMode === operation.mode) return noop(`LicensingMode in ${label} already ${describeMode(operation.mode)}`);
      return change({ ...gpo, licensingMode: operation.mode }, `set LicensingMode in ${label} to ${describeMode(operation.mode)}`);
    case 'setGpoLicenseServers': {
      const list = operation.servers.join(',');
      if (gpo.licenseServers !== null && gpo.licenseServers.join(',') === list) return noop(`LicenseServers in ${label} already ${list}`);
      return change({ ...gpo, licenseServers: [...operation.servers] }, `set LicenseServers in ${label} to ${list}`);
    }
    case 'linkGpo':
      if (gpo.links.some((link) => normaliseDn(link) === normaliseDn(operation.ou))) return noop(`${label} already linked to ${operation.ou}`);
      return change({ ...gpo, links: [...gpo.links, operation.ou] }, `linked ${label} to ${operation.ou}`);
  }
}

function refreshAfterChange(store: LabEstateStore, gpo: LiveGpo): string {
  if (store.estate().lab?.policyRefresh === 'manual') return '; session hosts apply it at their next policy refresh';
  const refreshed = refreshHostsPolicy(store, isReachedBy(gpo)).length;
  if (refreshed === 0) return '';
  return `; ${refreshed === 1 ? '1 session host' : `${refreshed} session hosts`} picked it up`;
}
