/**
 * Spec files are UTF-8 text. A file that is not (binary, UTF-16 as some Windows editors save
 * it, or broken UTF-8) is refused with its position rather than parsed as garbage.
 */
import type { Diagnostic } from '../model/diagnostic.js';

export type DecodedSpec = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly diagnostic: Diagnostic };

export function decodeSpecBytes(bytes: Uint8Array, file: string): DecodedSpec {
  const hasUtf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (hasUtf16Bom) {
    return refuse({ file, line: 1, column: 1 }, 'the file is UTF-16 text; expected UTF-8', 'save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8)');
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const offset = Math.max(0, lenient.indexOf('\ufffd'));
    const before = lenient.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return refuse({ file, line, column }, 'the file is not valid UTF-8 text; it looks binary, not a YAML spec', 'save the spec as UTF-8 text');
  }
}

function refuse(source: Diagnostic['source'], summary: string, hint: string): DecodedSpec {
  return { ok: false, diagnostic: { severity: 'error', code: 'SPEC_ENCODING', summary, hint, ...(source ? { source } : {}) } };
}
