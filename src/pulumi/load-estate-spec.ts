/**
 * Loads and validates an Estate's spec with rdsctl's own loader, from a file or from a parsed
 * object (validated as the JSON text of that object, so it gets the same diagnostics).
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { readRegularFileSync } from '../io/read-regular-file.js';
import { loadSpecSync, parseSpecText } from '../spec/load-spec.js';
import type { LoadedSpec } from '../spec/loaded-spec.js';
import type { EstateSpecSource } from './resource-inputs.js';

export const INLINE_SPEC_FILE = '<inline spec>';

export function loadEstateSpec(source: EstateSpecSource): LoadedSpec {
  if ('file' in source) return loadSpecSync(source.file);
  return parseSpecText(inlineSpecText(source), INLINE_SPEC_FILE, resolve(source.directory));
}

/** Identifies the spec's content, so a changed spec never reuses a loaded one. */
export function specDigest(source: EstateSpecSource): string {
  const hash = createHash('sha256');
  if ('file' in source) {
    hash.update(`file:${resolve(source.file)}\n`);
    try {
      hash.update(readRegularFileSync({ file: resolve(source.file), kind: 'spec' }));
    } catch {
      // Loading reports a missing or refused file with its own message.
    }
  } else {
    hash.update(`inline:${resolve(source.directory)}\n${inlineSpecText(source)}`);
  }
  return hash.digest('hex');
}

function inlineSpecText(source: { inline: unknown }): string {
  return `${JSON.stringify(source.inline, null, 2)}\n`;
}
