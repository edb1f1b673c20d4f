import type { EngineEvents } from '../engine/engine-events.js';
import type { AuditLog } from './audit-log.js';
import type { Output } from './output.js';

/** Progress lines on stderr and one audit record per change. */
export function applyProgress(output: Output, audit: AuditLog): EngineEvents {
  return {
    onChangeStart: (change) => output.progress(`${change.address}: applying…`),
    onChangeDone: (change, result) => {
      if (result.outcome === 'applied' || result.outcome === 'unchanged' || result.outcome === 'failed') {
        output.progress(`${change.address}: ${result.outcome} (${result.durationMs} ms)`);
      }
      audit.record(change, result);
    },
    onVerifyPending: (hosts) => output.progress(`Checking ${hosts} host(s) waiting for a Group Policy refresh…`),
    onPendingVerified: (refreshed, waiting) =>
      output.progress(`${refreshed} host(s) now report their GPO's values; ${waiting} still wait for a Group Policy refresh.`),
  };
}
