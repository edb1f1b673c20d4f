import type { LabEstate } from './lab-estate.js';

/** The live copy's text: indented JSON, so that a person can read and diff it. */
export function serializeEstate(estate: LabEstate): string {
  return `${JSON.stringify(estate, null, 2)}\n`;
}
