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
  /** Object keys in code-unit order at every depth. */
  sortKeys?: boolean;
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
  const inner = options.indent === 0 ? '' : `\n${' '.repeat(options.indent * (depth + 1))}`;
  const outer = options.indent === 0 ? '' : `\n${' '.repeat(options.indent * depth)}`;
  const colon = options.indent === 0 ? ':' : ': ';
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
  // Sorted through the same rebuilt object as below, so integer-like keys come first as there.
  const ordered = sortKeys ? (sortedReplacer('', object) as Record<string, unknown>) : object;
  return Object.keys(ordered)
    .filter((key) => !isOmitted(ordered[key]))
    .map((key) => [key, ordered[key]]);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function stringifyAt(value: unknown, depth: number, options: JsonChunkOptions): string {
  const text = JSON.stringify(value, options.sortKeys === true ? sortedReplacer : undefined, options.indent);
  // A JSON string never holds a raw line break, so each one is the start of a nested line.
  if (options.indent === 0 || depth === 0) return text;
  return text.replaceAll('\n', `\n${' '.repeat(options.indent * depth)}`);
}

function sortedReplacer(_key: string, inner: unknown): unknown {
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
  return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => compareCodeUnits(a, b)));
}

/**
 * A document as rdsctl prints it (2-space indent, trailing newline), each entry of its
 * top-level lists and maps a chunk of its own: a plan a change at a time, a report a result.
 */
export function* jsonDocumentChunks(value: unknown): Generator<string> {
  yield* jsonChunks(value, { indent: 2, splitDepth: 2 });
  yield '\n';
}
