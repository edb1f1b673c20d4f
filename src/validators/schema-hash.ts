/** Ties precompiled validators to the schema text they were compiled from. */
import { createHash } from 'node:crypto';

export function hashSchema(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
