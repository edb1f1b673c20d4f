import type { PolicySpec } from '../model/spec.js';
import type { ResolvedPolicy } from './desired-model.js';

/** Defaults are the safe ones: every guard rail refuses unless the spec allows it. */
export const DEFAULT_POLICY: ResolvedPolicy = {
  minFreeCals: 0,
  graceWarningDays: 30,
  allow: {
    gracePeriodReset: false,
    keyPackRemoval: false,
    serviceRestart: false,
    modeChangeWithActiveSessions: false,
    calRevocation: false,
  },
};

export function resolvePolicy(policy: PolicySpec | undefined): ResolvedPolicy {
  return {
    minFreeCals: policy?.minFreeCals ?? DEFAULT_POLICY.minFreeCals,
    graceWarningDays: policy?.graceWarningDays ?? DEFAULT_POLICY.graceWarningDays,
    allow: { ...DEFAULT_POLICY.allow, ...policy?.allow },
  };
}
