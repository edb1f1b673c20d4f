/**
 * What carrying out one operation came to, and the context a host operation works in.
 * Messages and details are plain words for the audit trail and never contain secret values.
 */
import type { SecretResolver } from '../../../model/operation.js';
import type { ApplyFailure } from '../../provider.js';
import type { LabHost } from '../lab-estate.js';

export type OperationOutcome = { status: 'done' | 'noop'; detail: string } | { status: 'failed'; failure: ApplyFailure };

export interface HostOperationContext {
  /** The host as it is now; call again after every await, other applies may have changed it. */
  current(): LabHost;
  /** Replaces the host with a changed copy (hosts are never changed in place). */
  commit(next: LabHost): void;
  resolveSecret: SecretResolver;
  /** Every host of the estate, for rules that span hosts (a retail code is single-use everywhere). */
  allHosts(): readonly LabHost[];
}

export function done(detail: string): OperationOutcome {
  return { status: 'done', detail };
}

export function noop(detail: string): OperationOutcome {
  return { status: 'noop', detail };
}

export function failed(code: string, message: string, windowsCode?: string): OperationOutcome {
  return { status: 'failed', failure: windowsCode ? { code, message, windowsCode } : { code, message } };
}

/** The copy a host operation changes and then commits. */
export function copyHost(host: LabHost): LabHost {
  return structuredClone(host);
}
