/**
 * The exported spec as YAML a person reads and edits: keys in the order the spec reference
 * uses, short mappings and host lists on one line, and the export's notes as comments before
 * the nodes they are about. Pure: text in the caller's hands.
 */
import { Document, isMap, isScalar, isSeq, visit, type Node } from 'yaml';
import type { Spec } from '../model/spec.js';
import type { ExportNote } from './export-note.js';

const FLOW_KEYS = new Set(['discovery', 'firewall', 'agreementNumber', 'licenseNumber', 'authorizationNumber', 'retailKey', 'password', 'contact', 'allow', 'configuredBy']);
const FLOW_LIST_KEYS = new Set(['hosts', 'licenseServers', 'links', 'externalLicenseServers']);
const FLOW_LIST_WIDTH = 80;
const COMMENT_WIDTH = 98;

export function renderExportedSpec(spec: Spec, notes: readonly ExportNote[]): string {
  const document = new Document(spec);
  visit(document, {
    Pair(_key, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as Node | null;
      if (isMap(value) && FLOW_KEYS.has(key)) value.flow = true;
      if (isSeq(value) && FLOW_LIST_KEYS.has(key) && value.items.every(isScalar) && flowLength(value.items.map((item) => String(item.value))) <= FLOW_LIST_WIDTH) value.flow = true;
    },
  });
  const header: string[] = [];
  for (const note of notes) {
    const lines = note.lines.filter((line) => line !== '').flatMap(wrapComment);
    if (lines.length === 0) continue;
    if (note.path.length === 0) {
      header.push(...lines);
      continue;
    }
    const node = document.getIn(note.path, true) as Node | undefined;
    const target = isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
    if (target === undefined) throw new Error(`export note for a path the spec does not have: ${note.path.join('.')}`);
    const text = lines.map((line) => ` ${line}`).join('\n');
    attachBefore(document, note.path, target, text);
  }
  document.commentBefore = header.map((line) => ` ${line}`).join('\n');
  return document.toString({ lineWidth: 0, flowCollectionPadding: true });
}

/**
 * A comment before a mapping key belongs on the key (the value may be a collection on the same
 * line); before a sequence item, on the item.
 */
function attachBefore(document: Document, path: readonly (string | number)[], target: Node, text: string): void {
  const last = path.at(-1);
  if (typeof last === 'string') {
    const parent = document.getIn(path.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
      if (pair && isScalar(pair.key)) {
        pair.key.commentBefore = join(pair.key.commentBefore, text);
        return;
      }
    }
  }
  target.commentBefore = join(target.commentBefore, text);
}

function join(existing: string | null | undefined, text: string): string {
  return existing ? `${existing}\n${text}` : text;
}

function flowLength(items: readonly string[]): number {
  return items.reduce((sum, item) => sum + item.length + 4, 2);
}

function wrapComment(line: string): string[] {
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const words = line.trim().split(' ');
  const lines: string[] = [];
  let current = indent;
  for (const word of words) {
    if (current.trim() !== '' && current.length + 1 + word.length > COMMENT_WIDTH) {
      lines.push(current);
      current = `${indent}  ${word}`;
    } else {
      current = current.trim() === '' ? `${indent}${word}` : `${current} ${word}`;
    }
  }
  lines.push(current);
  return lines;
}
