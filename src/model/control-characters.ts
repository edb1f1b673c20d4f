/**
 * Characters that change how a terminal or a review shows text rather than being text: C0 and
 * C1 controls (ESC, CR, BEL …), DEL, and the bidirectional overrides and isolates that reorder
 * what a reviewer reads (U+202E). Tab and line feed are ordinary text. The one list both the
 * spec check (refuse) and the display escape (show) use.
 */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Every control character of a text, for `String.replace`. */
export const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'gu');

/**
 * `\x1b`, `\r`, `\u202e`: how a control character is written in messages and output. Characters
 * of 0x80 and above are written `\uXXXX`, which inside a JSON string is the same string.
 */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (character === '\r') return '\\r';
  if (code < 0x80) return `\\x${code.toString(16).padStart(2, '0')}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}
