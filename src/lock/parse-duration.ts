/** Durations on the command line, as Terraform writes them: `0`, `500ms`, `30s`, `5m`, `1h`, `1m30s`. */
import { RdsctlError } from '../model/rdsctl-error.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

export function parseDuration(value: string, flag: string): number {
  const text = value.trim();
  if (text === '0') return 0;
  if (!DURATION.test(text)) {
    throw new RdsctlError({
      code: 'USAGE',
      kind: 'user',
      message: `${flag} expects a duration such as 30s, 5m or 1m30s, got ${JSON.stringify(value)}`,
      hint: 'units are ms, s, m and h; 0 means do not wait',
    });
  }
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) total += Number(amount) * (UNIT_MS[unit as string] as number);
  return Math.round(total);
}

/** `90 s`, `2 min`: how messages say a duration. */
export function describeDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  return seconds < 120 ? `${Number(seconds.toFixed(1))} s` : `${Number((seconds / 60).toFixed(1))} min`;
}
