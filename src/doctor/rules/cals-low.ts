/**
 * RDSL-CALS-LOW: a CAL pool with fewer free CALs than `policy.minFreeCals` (but not exhausted,
 * which RDSL-CALS-EXHAUSTED reports).
 */
import { licenseServerAddress } from '../../model/address.js';
import { buildFinding } from '../build-finding.js';
import { describePool, listCalPools, poolKey } from '../cal-pools.js';
import type { DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';

export const checkCalsLow: DoctorRule = (context) => {
  const minimum = context.input.policy.minFreeCals;
  if (minimum <= 0) return [];
  const findings: Finding[] = [];
  for (const server of context.view.licenseServers) {
    for (const pool of listCalPools(server.host, server.licenseServer!, context.input.now)) {
      if (pool.free === 0 || pool.free >= minimum) continue;
      findings.push(
        buildFinding({
          id: 'RDSL-CALS-LOW',
          subject: poolKey(server.host, pool.type, pool.productVersionId),
          severity: 'warning',
          title: `${server.host}: only ${pool.free} ${describePool(pool)} free (policy.minFreeCals is ${minimum})`,
          hosts: [server.host],
          evidence: [{ host: server.host, item: describePool(pool), value: `${pool.issued} issued of ${pool.total}`, source: 'wmi' }],
          cause: `${pool.free} of ${pool.total} CALs are free, below the ${minimum} the spec's policy asks to keep in reserve.`,
          fix: { kind: 'manual', summary: `buy more ${describePool(pool)} and install them on ${server.host} before they run out (then raise the key pack quantity in the spec)` },
          address: licenseServerAddress(server.host),
        }),
      );
    }
  }
  return findings;
};
