/**
 * Compares ordered licence-server lists. Order is part of the desired state (it is the
 * failover order), so lists are compared position by position. A short name, a different
 * case or an address of the same server is not drift; such equivalences are reported so a
 * person can see why rdsctl leaves the list alone.
 */
import { matchHostName, type HostNameMatch } from '../model/host-name.js';

export interface Equivalence {
  listed: string;
  declared: string;
  match: Exclude<HostNameMatch, 'same' | 'different'>;
}

export interface ServerListComparison {
  equal: boolean;
  equivalences: Equivalence[];
}

export function compareServerLists(
  live: readonly string[],
  desired: readonly string[],
  addressesOf: (host: string) => readonly string[],
): ServerListComparison {
  if (live.length !== desired.length) return { equal: false, equivalences: [] };
  const equivalences: Equivalence[] = [];
  for (let i = 0; i < live.length; i += 1) {
    const listed = live[i] as string;
    const declared = desired[i] as string;
    // Identical names need no lookup of the declared server's addresses.
    const match = listed === declared ? 'same' : matchHostName(listed, declared, addressesOf(declared));
    if (match === 'different') return { equal: false, equivalences: [] };
    if (match !== 'same') equivalences.push({ listed, declared, match });
  }
  return { equal: true, equivalences };
}
