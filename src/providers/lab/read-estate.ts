/**
 * Reading the lab estate: the requested hosts and GPOs as a real provider would return them,
 * without the simulation-only `lab` fields. Unreachable hosts, hosts the estate does not hold
 * and errors the estate recorded (a replayed real read) come back as per-host errors.
 */
import { canonicalHostName } from '../../model/host-name.js';
import type { HostError, LiveGpo, LiveHost, LiveState } from '../../model/live-state.js';
import type { ReadRequest } from '../provider.js';
import type { LabHost } from './lab-estate.js';
import type { LabEstateStore } from './lab-estate-store.js';
import { createLabHostFinder, createProbeSimulator } from './simulate-probes.js';

export function readEstate(store: LabEstateStore, request: Pick<ReadRequest, 'hosts' | 'gpos' | 'perUserReport'>): LiveState {
  const readAt = new Date().toISOString();
  const hosts: LiveHost[] = [];
  const errors: HostError[] = [];
  // A name asked twice (or by two spellings) is read once: estate hosts are marked by index,
  // which costs a fraction of a set of 100,000 names; names the estate lacks are few.
  const read = new Uint8Array(store.estate().hosts.length);
  const missing = new Set<string>();
  const simulateProbes = createProbeSimulator(createLabHostFinder((name) => store.findHost(name)?.host, () => store.estate().hosts));
  for (const name of request.hosts) {
    const key = canonicalHostName(name);
    const found = store.findHostByKey(key);
    if (!found) {
      if (missing.has(key)) continue;
      missing.add(key);
      const recorded = store.recordedError(name);
      errors.push(recorded ? { ...recorded, host: name } : { host: name, code: 'NOT_FOUND', message: `${name}: no such host in the lab estate` });
      continue;
    }
    if (read[found.index] === 1) continue;
    read[found.index] = 1;
    if (found.host.lab?.reachable === false) {
      errors.push({ host: name, code: 'HOST_UNREACHABLE', message: `${name}: host did not answer (simulated)`, step: 'connect' });
    } else {
      hosts.push(simulateProbes(withPerUserReportIfAsked(withoutLabFields(found.host), request.perUserReport === true, readAt)));
    }
  }
  const gpos = request.gpos.map(
    (ref): LiveGpo =>
      store.findGpo(ref.name, ref.domain)?.gpo ?? { name: ref.name, domain: ref.domain, exists: false, links: [], licensingMode: null, licenseServers: null },
  );
  return { formatVersion: 1, readAt, hosts, gpos, errors };
}

/**
 * The per-user CALs users hold. Asked for, every licence server answers with a report generated
 * now (read and deleted, leaving nothing behind, as on Windows). Not asked, the lab still shows
 * the holdings its estate records, which doctor's per-user findings read; Windows would show none.
 */
function withPerUserReportIfAsked(host: LiveHost, asked: boolean, now: string): LiveHost {
  const server = host.licenseServer;
  if (server === undefined || !asked) return host;
  return { ...host, licenseServer: { ...server, perUserReport: { ...server.perUserReport, generatedAt: now, entries: server.perUserReport?.entries ?? [] } } };
}

/** Hosts are replaced on change, never edited in place, so sharing their parts is safe. */
function withoutLabFields(host: LabHost): LiveHost {
  if (host.lab === undefined) return host;
  const { lab: _lab, ...live } = host;
  return live;
}
