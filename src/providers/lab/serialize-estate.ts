/**
 * The live copy's text: indented JSON, so that a person can read and diff it. An estate of
 * 100,000 hosts is about 90 MB of it, so it is written a host at a time, never as one string.
 */
import { jsonDocumentChunks } from '../../io/json-chunks.js';
import type { LabEstate } from './lab-estate.js';

/**
 * `JSON.stringify(estate, null, 2)` and a line break, a host, GPO or error at a time. The
 * estate is taken as it is now: its lists are copied at once (a reference per entry), and since
 * the store replaces hosts and GPOs rather than changing them, applies that end while the
 * pieces are written do not reach this text.
 */
export function serializeEstateChunks(estate: LabEstate): Iterable<string> {
  return jsonDocumentChunks(snapshotOf(estate));
}

function snapshotOf(estate: LabEstate): LabEstate {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(estate)) copy[key] = Array.isArray(value) ? [...(value as unknown[])] : value;
  return copy as unknown as LabEstate;
}
