import { isAbsolute, relative } from 'node:path';

/** A path as messages show it: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const fromCwd = relative(process.cwd(), file);
  return fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : file;
}
