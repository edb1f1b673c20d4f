/** Reads one stdout line of the fan-out runner: a frame, or noise (anything without the prefix). */
import { FRAME_PREFIX, type FanOutFrame, type FrameStatus } from './host-target.js';

const STATUSES: ReadonlySet<string> = new Set<FrameStatus>(['ok', 'failed', 'unreachable', 'timeout']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The frame on this line; `undefined` for noise or a frame too broken to name its host. */
export function parseFrame(line: string): FanOutFrame | undefined {
  const start = line.indexOf(FRAME_PREFIX);
  if (start === -1) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line.slice(start + FRAME_PREFIX.length));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.status !== 'string' || !STATUSES.has(value.status)) {
    return undefined;
  }
  const frame: FanOutFrame = {
    id: value.id,
    host: typeof value.host === 'string' ? value.host : '',
    status: value.status as FrameStatus,
    durationMs: typeof value.durationMs === 'number' ? value.durationMs : 0,
  };
  if (typeof value.payload === 'string') frame.payload = value.payload;
  if (isRecord(value.error)) {
    frame.error = { code: String(value.error.code ?? frame.status), message: String(value.error.message ?? '') };
  }
  return frame;
}
