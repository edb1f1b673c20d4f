/**
 * The live copy's text: the top-level keys indented, and each host, GPO and recorded error as
 * compact JSON on a line of its own, so that a person can still read it and a diff shows the
 * hosts that changed. Indenting every host too made the text 1.6 times as long (88 MB against
 * 54 MB at 100,000 hosts), and every read paid for the whitespace. It is written a host at a
 * time, never as one string.
 */
import { jsonChunks } from '../../io/json-chunks.js';
import type { LabEstate } from './lab-estate.js';

/**
 * The live copy's text, a host, GPO or error at a time, ending in a line break. The estate is
 * taken as it is now: its lists are copied at once (a reference per entry), and since the store
 * replaces hosts and GPOs rather than changing them, applies that end while the pieces are
 * written do not reach this text.
 */
export function* serializeEstateChunks(estate: LabEstate): Generator<string> {
  yield* jsonChunks(snapshotOf(estate), { indent: 2, splitDepth: 2, compactEntries: true });
  yield '\n';
}

function snapshotOf(estate: LabEstate): LabEstate {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(estate)) copy[key] = Array.isArray(value) ? [...(value as unknown[])] : value;
  return copy as unknown as LabEstate;
}
