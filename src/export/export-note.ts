/**
 * What export says beside the spec it writes: comments placed before a node of the written
 * YAML (by its path in the spec), and warnings for stderr about what the first plan will show.
 */
import type { SpecPath } from '../spec/loaded-spec.js';

export interface ExportNote {
  /** The node the comment goes before; `[]` is the top of the file. */
  path: SpecPath;
  lines: string[];
}

/** Notes of a part, with paths relative to it, moved under `prefix`. */
export function placeNotes(notes: readonly ExportNote[], prefix: SpecPath): ExportNote[] {
  return notes.map((note) => ({ path: [...prefix, ...note.path], lines: note.lines }));
}
