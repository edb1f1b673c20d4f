/**
 * No name or free-text value in a spec carries a control character (an ESC sequence, CR, a
 * bidirectional override): printed in a plan, one could erase or hide lines a reviewer must see.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { CONTROL_CHARACTER, describeCharacter } from '../model/control-characters.js';
import type { SpecPath } from './loaded-spec.js';
import { makeReferenceError, type ReferenceContext } from './reference-diagnostic.js';

const HINT = 'names and text in a spec cannot hold terminal escape sequences, carriage returns or bidirectional overrides; remove them';

export function checkControlCharacters(context: ReferenceContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const visit = (value: unknown, path: SpecPath): void => {
    if (typeof value === 'string') {
      const found = CONTROL_CHARACTER.exec(value);
      if (found) diagnostics.push(makeReferenceError({ at: context.locate(path), summary: `contains the control character ${describeCharacter(found[0])}`, hint: HINT }));
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const found = CONTROL_CHARACTER.exec(key);
        if (found) diagnostics.push(makeReferenceError({ at: context.locate(path), summary: `a key contains the control character ${describeCharacter(found[0])}`, hint: HINT }));
        else visit(item, [...path, key]);
      }
    }
  };
  visit(context.spec, []);
  return diagnostics;
}
