/**
 * Reads what export reproduces: the hosts and GPOs named (by the spec, `--hosts`, `--gpo`),
 * or, when none is named, everything an estate that knows itself holds (the lab). Licence
 * servers the session hosts list are read too, as doctor does, so `--hosts` of a pool brings
 * its servers along. A named host that cannot be read fails the export: a spec without it
 * would not reproduce the estate. A listed server that cannot be read is only reported.
 */
import { gatherDoctorState } from '../doctor/gather-doctor-state.js';
import { canonicalHostName } from '../model/host-name.js';
import type { HostError, LiveState } from '../model/live-state.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import type { GpoRef, Provider } from '../providers/provider.js';

export interface EstateToExport {
  live: LiveState;
  /** Listed licence servers that could not be read. */
  unreadServers: HostError[];
}

export async function readEstateToExport(provider: Provider, named: { hosts: string[]; gpos: GpoRef[]; parallelism: number }): Promise<EstateToExport> {
  let { hosts, gpos } = named;
  if (hosts.length === 0 && gpos.length === 0 && provider.inventory) ({ hosts, gpos } = await provider.inventory());
  if (hosts.length === 0) {
    throw new RdsctlError({
      code: 'USAGE',
      kind: 'user',
      message: 'no hosts to export',
      hint: 'name them with --hosts a,b (ranges allowed) or --inventory FILE, or give a spec that declares them with -f',
    });
  }
  const live = await gatherDoctorState(provider, { hosts, gpos, parallelism: named.parallelism });
  const asked = new Set(hosts.map(canonicalHostName));
  const failed = live.errors.filter((error) => asked.has(canonicalHostName(error.host)));
  if (failed.length > 0) {
    throw new RdsctlError({
      code: 'HOST_UNREACHABLE',
      kind: 'environment',
      message: `${failed.length} of ${hosts.length} host(s) could not be read; nothing was exported`,
      detail: failed.map((error) => `${error.host}: ${error.message}`).join('\n'),
      hint: 'a spec without them would not reproduce the estate: fix access to them, or leave them out of --hosts',
    });
  }
  return { live, unreadServers: live.errors.filter((error) => !asked.has(canonicalHostName(error.host))) };
}
