/**
 * Guard rails: changes that drop sessions, break compliance or destroy licences are refused
 * at plan time unless the spec's policy allows them. A refused change stays in the plan, with
 * the rule and the policy key that would allow it, and apply never carries it out.
 */
import type { Change, Refusal } from '../model/change.js';
import type { ResolvedPolicy } from './desired-model.js';

export interface GuardFacts {
  /** Sessions on the hosts a licensing-mode change reaches. */
  activeSessions: number;
}

export function guardChange(change: Change, policy: ResolvedPolicy, facts: GuardFacts): Change {
  const refusal = findRefusal(change, policy, facts);
  return refusal === undefined ? change : { ...change, refused: refusal };
}

function findRefusal(change: Change, policy: ResolvedPolicy, facts: GuardFacts): Refusal | undefined {
  const kinds = new Set(change.operations.map((operation) => operation.kind));
  if (kinds.has('removeLicenses') && !policy.allow.keyPackRemoval) {
    return {
      rule: 'keyPackRemoval',
      policyKey: 'policy.allow.keyPackRemoval',
      message: 'removing installed licences cannot be undone without the agreement or retail code',
    };
  }
  if (kinds.has('resetGracePeriod') && !policy.allow.gracePeriodReset) {
    return {
      rule: 'gracePeriodReset',
      policyKey: 'policy.allow.gracePeriodReset',
      message: 'resetting the grace period is an unsupported workaround that may breach the licence terms',
    };
  }
  if (kinds.has('restartService') && !policy.allow.serviceRestart) {
    return {
      rule: 'serviceRestart',
      policyKey: 'policy.allow.serviceRestart',
      message: 'restarting TermService disconnects every user session on the host',
    };
  }
  if (kinds.has('revokeLicense') && !policy.allow.calRevocation) {
    return {
      rule: 'calRevocation',
      policyKey: 'policy.allow.calRevocation',
      message: 'a revoked per-device CAL cannot be given back to its device, and each revocation counts against the 20% Windows allows at a time',
    };
  }
  const changesMode =
    kinds.has('setLicensingMode') || kinds.has('setGpoLicensingMode') || (kinds.has('setDeploymentLicensing') && change.attributes.some((attribute) => attribute.name === 'licensingMode'));
  if (changesMode && facts.activeSessions > 0 && !policy.allow.modeChangeWithActiveSessions) {
    return {
      rule: 'modeChangeWithActiveSessions',
      policyKey: 'policy.allow.modeChangeWithActiveSessions',
      message: `changing the licensing mode with ${facts.activeSessions} active session(s) affects signed-in users`,
    };
  }
  return undefined;
}
