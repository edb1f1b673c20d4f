import { batchChunks } from '../../io/batch-chunks.js';
import { jsonDocumentChunks } from '../../io/json-chunks.js';
import type { LabEstate } from './lab-estate.js';

/**
 * The live copy's text: indented JSON, so that a person can read and diff it, with a final
 * newline. It comes in pieces of about 64 KiB (a host at a time underneath), so that writing
 * a 100,000-host estate never holds its whole text, some 80 MB, in memory at once.
 */
export function serializeEstate(estate: LabEstate): Iterable<string> {
  return batchChunks(jsonDocumentChunks(estate, 2));
}
