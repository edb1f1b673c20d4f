/**
 * How wide text output may be: COLUMNS when set (so a user, or a test, can ask for a width),
 * otherwise the terminal's width when stdout is one, otherwise 100 columns for pipes and files.
 */

/** Width used when stdout is not a terminal and COLUMNS is not set. */
export const PIPED_WIDTH = 100;

/** Below this, wrapping does more harm than good; narrower requests are raised to it. */
export const MINIMUM_WIDTH = 40;

export function textWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number {
  const fromEnv = env['COLUMNS'];
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv.trim()) && Number(fromEnv) > 0) return Math.max(MINIMUM_WIDTH, Number(fromEnv));
  if (stream.isTTY === true && typeof stream.columns === 'number' && stream.columns > 0) return Math.max(MINIMUM_WIDTH, stream.columns);
  return PIPED_WIDTH;
}
