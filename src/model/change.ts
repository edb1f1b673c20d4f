/**
 * A change: one resource that differs from the spec, and what rdsctl would do about it.
 *
 * | action   | symbol | before                         | after                          |
 * |----------|--------|--------------------------------|--------------------------------|
 * | create   | `+`    | null (the thing is absent)     | the desired attributes         |
 * | update   | `~`    | live values of changed attrs   | desired values of those attrs  |
 * | delete   | `-`    | live values                    | null                           |
 *
 * `attributes` lists each changed attribute with its before and after, so renderers never
 * recompute a diff. Ordered lists (licence-server lists) are compared in order.
 */
import type { ResourceKind } from './address.js';
import type { Operation } from './operation.js';

export type Action = 'create' | 'update' | 'delete';

export const ACTION_SYMBOL: Readonly<Record<Action, string>> = { create: '+', update: '~', delete: '-' };

export type AttributeValue = string | number | boolean | null | string[];

export interface AttributeChange {
  name: string;
  before: AttributeValue;
  after: AttributeValue;
}

/** Where a change is carried out: on a host, or through a GPO on the management host. */
export type ChangeTarget = { kind: 'host'; host: string } | { kind: 'gpo'; gpo: string; domain: string };

/** The guard rail that refused a change, and the policy key that would allow it. */
export interface Refusal {
  rule: 'gracePeriodReset' | 'keyPackRemoval' | 'serviceRestart' | 'modeChangeWithActiveSessions' | 'calRevocation' | 'unexplainedInstall' | 'groupPolicyFirewall' | 'manualStep' | 'connectionBroker';
  /** Absent when no policy may allow the change; `remedy` then says what to do. */
  policyKey?: string;
  message: string;
  remedy?: string;
}

/** How a refused change becomes allowed: the policy key to set, or the remedy. */
export function describeAllowance(refusal: Refusal): string {
  if (refusal.policyKey !== undefined) return `set ${refusal.policyKey}: true to allow`;
  return refusal.remedy ?? 'no policy allows it';
}

export interface Change {
  address: string;
  resource: ResourceKind;
  action: Action;
  target: ChangeTarget;
  attributes: AttributeChange[];
  /** What the provider will be asked to do, in order. */
  operations: Operation[];
  /** Why the change is needed, in plain words. */
  reason?: string;
  /** Addresses of changes in this plan that must succeed first. */
  dependsOn: string[];
  /** Set when a guard rail refused the change; apply skips it and its dependents. */
  refused?: Refusal;
  /** The session-host pool the change belongs to, used to group identical host changes. */
  pool?: string;
  /** True when applying needs a secret (resolved only then). */
  needsSecrets?: boolean;
}

/** A host whose settings come from a GPO that rdsctl changes or that has not reached it yet. */
export interface PendingRefresh {
  address: string;
  host: string;
  gpo: string;
  pool?: string;
  attributes: AttributeChange[];
}
