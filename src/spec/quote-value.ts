/**
 * Shows a value from the spec inside a message. Values can carry shell or PowerShell syntax,
 * control characters or bidirectional overrides, so strings are JSON-escaped, invisible and
 * direction-changing characters are escaped too, and long values are cut.
 */

const MAX_SHOWN = 60;
// C1 controls, zero-width and bidi characters would make a terminal line lie about its content.
const INVISIBLE = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

export function quoteValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return quoteString(value);
  return String(value);
}

export function quoteString(text: string): string {
  const cut = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
  return JSON.stringify(cut).replace(INVISIBLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
