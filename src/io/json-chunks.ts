/**
 * JSON written in pieces: the same text `JSON.stringify` gives, produced as a sequence of
 * chunks so a document of tens of megabytes is never one string. Objects and arrays down to
 * `splitDepth` are opened and closed here; each value below that depth is one
 * `JSON.stringify` call, re-indented to where it sits. Keys keep their order, or are sorted
 * (`sortKeys`) for canonical JSON. Values are plain data (no `toJSON`, no cycles).
 */

export interface JsonChunkOptions {
  /** Spaces per level, as JSON.stringify's third argument; 0 writes compact JSON. */
  indent: number;
  /** Levels of objects and arrays written piece by piece; deeper values are one chunk each. */
  splitDepth: number;
  /** Canonical JSON: object keys in code-unit order at every depth, written compact (indent 0). */
  sortKeys?: boolean;
  /** Each value below `splitDepth` is compact JSON on a line of its own (the lab's live copy: a host per line). */
  compactEntries?: boolean;
}

export function* jsonChunks(value: unknown, options: JsonChunkOptions): Generator<string> {
  yield* valueChunks(value, 0, options);
}

/** The whole text, for small values and tests; the same as `[...jsonChunks()].join('')`. */
export function jsonText(value: unknown, options: JsonChunkOptions): string {
  return [...jsonChunks(value, options)].join('');
}

function* valueChunks(value: unknown, depth: number, options: JsonChunkOptions): Generator<string> {
  if (depth >= options.splitDepth || value === null || typeof value !== 'object') {
    yield stringifyAt(value, depth, options);
    return;
  }
  const entries: Array<[string | undefined, unknown]> = Array.isArray(value)
    ? value.map((item: unknown) => [undefined, isOmitted(item) ? null : item])
    : objectEntries(value as Record<string, unknown>, options.sortKeys === true);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    yield `${open}${close}`;
    return;
  }
  const indent = options.sortKeys === true ? 0 : options.indent;
  const inner = indent === 0 ? '' : `\n${' '.repeat(indent * (depth + 1))}`;
  const outer = indent === 0 ? '' : `\n${' '.repeat(indent * depth)}`;
  const colon = indent === 0 ? ':' : ': ';
  let first = true;
  for (const [key, item] of entries) {
    const prefix = `${first ? open : ','}${inner}${key === undefined ? '' : `${JSON.stringify(key)}${colon}`}`;
    first = false;
    const pieces = valueChunks(item, depth + 1, options);
    const head = pieces.next();
    yield head.done === true ? prefix : `${prefix}${head.value}`;
    yield* pieces;
  }
  yield `${outer}${close}`;
}

// What JSON.stringify leaves out of an object (and writes as null in an array).
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function objectEntries(object: Record<string, unknown>, sortKeys: boolean): Array<[string, unknown]> {
  return (sortKeys ? sortedKeys(object) : Object.keys(object)).filter((key) => !isOmitted(object[key])).map((key) => [key, object[key]]);
}

/**
 * Keys in the order of canonical JSON (an object rebuilt from its entries sorted by code unit):
 * integer-like keys first, ascending, as any object holds them, then the others sorted.
 */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  let integers = 0;
  while (integers < keys.length && isArrayIndex(keys[integers]!)) integers += 1;
  if (integers === keys.length) return keys;
  return [...keys.slice(0, integers), ...keys.slice(integers).sort(compareCodeUnits)];
}

// An array index: what JavaScript orders first and numerically among an object's keys.
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stringifyAt(value: unknown, depth: number, options: JsonChunkOptions): string {
  if (options.sortKeys === true) return canonicalText(value);
  if (options.compactEntries === true && depth >= options.splitDepth) return JSON.stringify(value);
  const text = JSON.stringify(value, null, options.indent);
  // A JSON string never holds a raw line break, so each one is the start of a nested line.
  if (options.indent === 0 || depth === 0) return text;
  return text.replaceAll('\n', `\n${' '.repeat(options.indent * depth)}`);
}

/** Compact JSON with sorted keys, built directly: no sorted copy of every object is made. */
function canonicalText(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item: unknown) => (isOmitted(item) ? 'null' : canonicalText(item))).join(',')}]`;
  const object = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of sortedKeys(object)) {
    const item = object[key];
    if (!isOmitted(item)) parts.push(`${JSON.stringify(key)}:${canonicalText(item)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * A document as rdsctl prints it (2-space indent, trailing newline), each entry of its
 * top-level lists and maps a chunk of its own: a plan a change at a time, a report a result.
 * A document that holds the plan one level down (a saved plan) splits one level deeper.
 */
export function* jsonDocumentChunks(value: unknown, splitDepth = 2): Generator<string> {
  yield* jsonChunks(value, { indent: 2, splitDepth });
  yield '\n';
}
