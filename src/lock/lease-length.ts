/**
 * How long an apply lock's lease lasts unless renewed: 60 s, or `RDSCTL_LOCK_LEASE` (a duration
 * such as 30s). A killed run blocks the estate for at most this long.
 */
import { RdsctlError } from '../model/rdsctl-error.js';
import { parseDuration } from './parse-duration.js';

export const DEFAULT_LEASE_MS = 60_000;
const MIN_LEASE_MS = 1000;

export function leaseLengthMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.RDSCTL_LOCK_LEASE;
  if (value === undefined || value.trim() === '') return DEFAULT_LEASE_MS;
  const ms = parseDuration(value, 'RDSCTL_LOCK_LEASE');
  if (ms < MIN_LEASE_MS) {
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: `RDSCTL_LOCK_LEASE must be at least 1s, got ${JSON.stringify(value)}` });
  }
  return ms;
}
