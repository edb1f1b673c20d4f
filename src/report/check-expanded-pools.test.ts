import { describe, expect, it } from 'vitest';
import { checkExpandedPools, MAX_EXPANDED_HOSTS } from './collect-topology.js';
import type { Topology, TopologyPool } from './report-data.js';

function pool(name: string, members: number): TopologyPool {
  return { anchor: `pool-${name}`, name, hosts: members, edges: [], members: Array.from({ length: members }, (_, index) => ({ anchor: `host-${name}-${index}`, name: `${name}${index}.corp.contoso.com`, edges: [] })) };
}

describe('--expand-pool', () => {
  it(`draws up to ${MAX_EXPANDED_HOSTS} hosts one by one, and refuses more`, () => {
    const topology = (sizes: number[]): Topology => ({ licenseServers: [], pools: sizes.map((size, index) => pool(`p${index}`, size)) });
    expect(() => checkExpandedPools(topology([150, 50]), ['p0', 'p1'])).not.toThrow();
    expect(() => checkExpandedPools(topology([150, 51]), ['p0', 'p1'])).toThrow('--expand-pool would draw 201 session hosts one by one, more than 200');
  });
});
