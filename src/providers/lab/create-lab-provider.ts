/**
 * The lab provider: a simulated Windows RDS licensing estate kept in a file, so the whole
 * product runs and is tested without Windows. It reads and changes a live copy of the
 * pristine estate (see `lab-estate-files.ts`), following the Windows rules that matter:
 * activation before installs, GPO precedence over local settings, additive key packs.
 *
 * Values returned by `read` are shared with the estate and must be treated as read-only.
 */
import type { Provider } from '../provider.js';
import { applyToEstate } from './apply-to-estate.js';
import { forceFileUnlock, inspectFileLock, tryFileLock } from '../../lock/file-lock.js';
import { labEstatePaths, type LabProviderOptions } from './lab-estate-files.js';
import { LabEstateStore } from './lab-estate-store.js';
import { readEstate } from './read-estate.js';
import { readLedgerIntents, recordObservations } from './intent-ledger.js';

export function createLabProvider(options: LabProviderOptions): Provider {
  const store = new LabEstateStore(labEstatePaths(options));
  return {
    name: 'lab',
    async read(request) {
      await store.ensureCurrent();
      return readEstate(store, request);
    },
    apply: (request) => applyToEstate(store, request),
    lock: (request) => tryFileLock(store.paths, request),
    forceUnlock: (id) => forceFileUnlock(store.paths, id),
    inspectLock: () => inspectFileLock(store.paths),
    unsettledIntents: () => readLedgerIntents(store.paths),
    settleIntents: async (settled) => recordObservations(store.paths, settled),
    async inventory() {
      await store.ensureCurrent();
      const estate = store.estate();
      return { hosts: estate.hosts.map((host) => host.host), gpos: estate.gpos.map((gpo) => ({ name: gpo.name, domain: gpo.domain })) };
    },
    close: () => store.flush(),
  };
}
