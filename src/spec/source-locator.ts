/** Maps paths in the spec back to file positions through the YAML document's node ranges. */
import { isMap, isScalar, type Document, type LineCounter, type Node } from 'yaml';
import type { SourceLocation } from '../model/diagnostic.js';
import { formatSpecPath } from './format-spec-path.js';
import type { SpecPath } from './loaded-spec.js';

export interface SourceLocator {
  /** Location of the value at `path`, or of its nearest existing parent. */
  locate(path: SpecPath): SourceLocation;
  /** Location of the key `key` of the mapping at `path` (for unknown or duplicate keys). */
  locateKey(path: SpecPath, key: string): SourceLocation;
}

export function createSourceLocator(options: { document: Document; lineCounter: LineCounter; file: string }): SourceLocator {
  const { document, lineCounter, file } = options;

  function toLocation(offset: number, path: SpecPath): SourceLocation {
    const { line, col } = lineCounter.linePos(offset);
    const shown = formatSpecPath(path);
    return shown === '' ? { file, line, column: col } : { file, line, column: col, path: shown };
  }

  function findNode(path: SpecPath): Node | undefined {
    for (let length = path.length; length >= 0; length -= 1) {
      const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
      if (node && typeof node === 'object' && 'range' in node && node.range) return node as Node;
    }
    return undefined;
  }

  function locate(path: SpecPath): SourceLocation {
    return toLocation(findNode(path)?.range?.[0] ?? 0, path);
  }

  function locateKey(path: SpecPath, key: string): SourceLocation {
    const parent = document.getIn(path, true) ?? (path.length === 0 ? document.contents : undefined);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      const range = isScalar(pair?.key) ? pair.key.range : undefined;
      if (range) return toLocation(range[0], [...path, key]);
    }
    return toLocation(findNode(path)?.range?.[0] ?? 0, [...path, key]);
  }

  return { locate, locateKey };
}
