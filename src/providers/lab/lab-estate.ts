/**
 * A lab estate: a `LiveState` plus optional simulation-only `lab` fields, kept in a file.
 * The one schema `schemas/live-state.schema.json` covers both, so `rdsctl show --json` of a
 * real estate can be replayed offline. Real providers never emit `lab`.
 */
import type { LiveHost, LiveState } from '../../model/live-state.js';
import type { OperationKind } from '../../model/operation.js';

/** Operations carried out on a host; GPO operations run against the estate's GPOs instead. */
export type HostOperationKind = Exclude<OperationKind, 'setGpoLicensingMode' | 'setGpoLicenseServers' | 'createGpo' | 'linkGpo'>;

export interface LabHostConditions {
  /** rdsctl can reach the host. Default true. */
  reachable?: boolean;
  /** Other hosts resolve its name. Default true. */
  resolvable?: boolean;
  /** TCP 135 is reachable from session hosts. Default true. */
  rpcOpen?: boolean;
  /** Operation kinds that fail on this host with a simulated error (for tests). */
  failOperations?: HostOperationKind[];
  /** SHA-256 (hex) of retail licence codes installed here: a retail code is single-use. */
  usedRetailCodes?: string[];
}

export interface LabHost extends LiveHost {
  lab?: LabHostConditions;
}

export type PolicyRefresh = 'immediate' | 'manual';

export interface LabSettings {
  /** `immediate` (default): hosts pick up GPO changes at once; `manual`: only when refreshed. */
  policyRefresh?: PolicyRefresh;
  /** Sleep before each apply, abortable, for interruption tests. */
  applyDelayMs?: number;
  /**
   * Sleep after a change that adds up was made and before its outcome is recorded (a slow answer
   * from the licence server), for interruption tests.
   */
  answerDelayMs?: number;
}

export interface LabEstate extends Omit<LiveState, 'hosts'> {
  hosts: LabHost[];
  lab?: LabSettings;
}
