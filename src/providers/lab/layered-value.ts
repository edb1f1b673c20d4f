import type { LayeredValue } from '../../model/live-state.js';

/** A setting's layers with the effective value recomputed: Group Policy wins when it sets one. */
export function settleLayers<T>(local: T, policy: T | null): LayeredValue<T> {
  return policy === null ? { local, policy, effective: local, source: 'local' } : { local, policy, effective: policy, source: 'policy' };
}
