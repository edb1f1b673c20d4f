/**
 * A spec loaded from a file, with what is needed to point back into the file: every
 * validated value can be located by its path for messages that name file, line and column.
 */
import type { SourceLocation } from '../model/diagnostic.js';
import type { Spec } from '../model/spec.js';

export type SpecPath = readonly (string | number)[];

export interface LoadedSpec {
  /** The spec file's path as the user gave it (used in messages). */
  file: string;
  /** Absolute directory of the spec file: relative paths in the spec resolve from here. */
  directory: string;
  spec: Spec;
  /** Location of the value at `path`, or of its nearest existing parent. */
  locate(path: SpecPath): SourceLocation;
}
