/**
 * Anchors for the report's elements: a short, safe id per (kind, name), the same for the same
 * name within one report. Ids never contain the names themselves, so a hostile name cannot
 * break out of an attribute or collide with another element's id.
 */
import { canonicalHostName } from '../model/host-name.js';

export type AnchorKind = 'server' | 'host' | 'pool' | 'calpool' | 'cause';

export interface Anchors {
  of(kind: AnchorKind, name: string): string;
  /** The anchor already given to this name, if any. */
  find(kind: AnchorKind, name: string): string | undefined;
}

export function createAnchors(): Anchors {
  const ids = new Map<string, string>();
  const counts = new Map<AnchorKind, number>();
  const keyOf = (kind: AnchorKind, name: string): string => `${kind}\u0000${kind === 'server' || kind === 'host' ? canonicalHostName(name) : name}`;
  return {
    of: (kind, name) => {
      const key = keyOf(kind, name);
      const known = ids.get(key);
      if (known) return known;
      const next = (counts.get(kind) ?? 0) + 1;
      counts.set(kind, next);
      const id = `${kind}-${next}`;
      ids.set(key, id);
      return id;
    },
    find: (kind, name) => ids.get(keyOf(kind, name)),
  };
}
