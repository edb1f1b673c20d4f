/**
 * Attribute lines shared by the text and markdown renderers: each line carries its sign
 * separately, so text can indent and colour it and markdown can put it first for `diff`.
 */
// The array diff alone: the package's index loads all of its nineteen modules at start-up.
import { diffArrays } from 'diff/lib/diff/array.js';
import type { Action, AttributeChange, AttributeValue, Refusal } from '../model/change.js';
import { describeAllowance } from '../model/change.js';

/** `+` added, `-` removed, `~` changed in place, `!` refused, ` ` unchanged. */
export type LineSign = '+' | '-' | '~' | '!' | ' ';

export interface AttributeLine {
  sign: LineSign;
  /** Nesting below the attribute (list entries are at depth 1). */
  depth: number;
  text: string;
}

/** A value as it appears in a plan: strings quoted as JSON, lists inline. */
export function formatValue(value: AttributeValue): string {
  if (Array.isArray(value)) return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function formatRefusal(refusal: Refusal): string {
  return `refused by guard rail ${refusal.rule}: ${refusal.message} (${describeAllowance(refusal)})`;
}

export function formatAttributeLines(action: Action, attributes: readonly AttributeChange[]): AttributeLine[] {
  return attributes.flatMap((attribute) => formatAttribute(action, attribute));
}

function formatAttribute(action: Action, attribute: AttributeChange): AttributeLine[] {
  const { name, before, after } = attribute;
  if (action === 'create') return [{ sign: '+', depth: 0, text: `${name}: ${formatValue(after)}` }];
  if (action === 'delete') return [{ sign: '-', depth: 0, text: `${name}: ${formatValue(before)}` }];
  if (Array.isArray(before) && Array.isArray(after)) return formatListChange(name, before, after);
  return [{ sign: '~', depth: 0, text: `${name}: ${formatValue(before)} → ${formatValue(after)}` }];
}

// Lists are ordered (failover order), so a moved entry shows as removed and added again.
function formatListChange(name: string, before: string[], after: string[]): AttributeLine[] {
  const lines: AttributeLine[] = [{ sign: '~', depth: 0, text: `${name}: [` }];
  for (const part of diffArrays(before, after)) {
    const sign: LineSign = part.added ? '+' : part.removed ? '-' : ' ';
    for (const item of part.value) lines.push({ sign, depth: 1, text: JSON.stringify(item) });
  }
  lines.push({ sign: ' ', depth: 0, text: ']' });
  return lines;
}
