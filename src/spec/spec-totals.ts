/**
 * The most a spec may declare in total, after host ranges are expanded (docs/limits.md). Counted
 * arithmetically from the ranges, so forty `[1:100000]` ranges are refused before one name is
 * made. The caps allow the 100,020-host benchmark estate with room to spare.
 */
import type { Spec } from '../model/spec.js';

export const MAX_SESSION_HOSTS_PER_SPEC = 100_000;
export const MAX_LICENSE_SERVERS_PER_SPEC = 1_000;
/** Every host a spec may name: the cap on a host list given without a spec (doctor --hosts / --inventory). */
export const MAX_HOSTS_PER_LIST = MAX_SESSION_HOSTS_PER_SPEC + MAX_LICENSE_SERVERS_PER_SPEC;

const RANGE = /\[(\d+):(\d+)\]/g;

/** How many names `pattern` expands to; a malformed or reversed range counts as one (validation reports it). */
export function countHostPattern(pattern: string): number {
  let count = 1;
  for (const [, start = '0', end = '0'] of pattern.matchAll(RANGE)) {
    count *= Math.max(1, Number(end) - Number(start) + 1);
  }
  return count;
}

export function countSessionHosts(spec: Spec): number {
  let total = 0;
  for (const pool of spec.sessionHostPools ?? []) {
    for (const pattern of Array.isArray(pool.hosts) ? pool.hosts : []) {
      total += typeof pattern === 'string' ? countHostPattern(pattern) : 1;
    }
  }
  return total;
}

export function isOverSessionHostCap(spec: Spec): boolean {
  return countSessionHosts(spec) > MAX_SESSION_HOSTS_PER_SPEC;
}

/** 100,000: how counts and limits are written in messages. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
