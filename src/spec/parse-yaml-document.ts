/**
 * Turns spec text into a YAML document and a plain value, refusing what is not a YAML mapping:
 * binary text, empty files, syntax errors, duplicate keys, unknown tags and alias bombs. Each
 * problem becomes a diagnostic with a file position; nothing here throws.
 */
import { LineCounter, isMap, isSeq, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import type { Diagnostic, SourceLocation } from '../model/diagnostic.js';
import { quoteString } from './quote-value.js';

export const MAX_ALIAS_COUNT = 100;

export type ParsedYaml =
  | { readonly ok: true; readonly document: Document; readonly lineCounter: LineCounter; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const INDEPENDENT_CODES: ReadonlySet<string> = new Set(['DUPLICATE_KEY', 'TAG_RESOLVE_FAILED', 'BAD_DQ_ESCAPE']);
const NESTING_SUMMARY = 'the YAML nests too deeply; refused as a resource-exhaustion guard';
const EMPTY_SUMMARY = 'the file is empty; expected a spec starting with apiVersion: rdsctl/v1';

export function parseYamlDocument(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const fail = (code: string, summary: string, source: SourceLocation, hint?: string): ParsedYaml => ({
    ok: false,
    diagnostics: [makeDiagnostic(code, summary, source, hint)],
  });

  const nul = text.indexOf('\0');
  if (nul >= 0) {
    return fail('SPEC_ENCODING', 'the file contains NUL bytes; it looks binary, not a YAML spec', lineAndColumnOf(text, nul, file));
  }
  if (text.trim() === '') return fail('SPEC_EMPTY', EMPTY_SUMMARY, { file, line: 1, column: 1 });

  let document: Document;
  try {
    document = parseDocument(text, { lineCounter, prettyErrors: false, merge: true, uniqueKeys: true });
  } catch (error) {
    // The composer recurses; absurdly deep nesting exhausts the stack.
    if (error instanceof RangeError) {
      return fail('SPEC_YAML', NESTING_SUMMARY, { file, line: 1, column: 1 });
    }
    throw error;
  }
  const problems = [...document.errors, ...document.warnings];
  // The composer catches stack overflows per node, so deep nesting yields one error per level.
  const overflow = problems.find((problem) => problem.message.includes('call stack'));
  if (overflow) return fail('SPEC_YAML', NESTING_SUMMARY, at(overflow.pos[0]));
  if (problems.length > 0) {
    return { ok: false, diagnostics: selectProblems(problems).map((problem) => describeYamlError(problem, text, at(problem.pos[0]))) };
  }
  const contents = document.contents;
  if (contents === null) return fail('SPEC_EMPTY', EMPTY_SUMMARY, { file, line: 1, column: 1 });
  if (!isMap(contents)) {
    const got = isSeq(contents) ? 'a list' : 'a single value';
    return fail('SPEC_YAML', `expected a mapping of keys (apiVersion: rdsctl/v1, deployment: …) at the top level, got ${got}`, at(contents.range?.[0] ?? 0));
  }

  try {
    const value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
    return { ok: true, document, lineCounter, value };
  } catch (error) {
    if (error instanceof RangeError) return fail('SPEC_YAML', NESTING_SUMMARY, { file, line: 1, column: 1 });
    if (!(error instanceof ReferenceError)) throw error;
    return fail(
      'SPEC_YAML',
      `YAML aliases expand to too many nodes (limit ${MAX_ALIAS_COUNT}); refused as a resource-exhaustion guard`,
      at(firstAliasOffset(document)),
      'write the repeated values out, or use fewer and shallower aliases',
    );
  }
}

/** After a syntax error the parser's later complaints are mostly echoes of it; keep the first. */
function selectProblems(problems: readonly YAMLError[]): YAMLError[] {
  const syntax = problems.filter((problem) => !INDEPENDENT_CODES.has(problem.code)).sort((a, b) => a.pos[0] - b.pos[0]);
  return problems.filter((problem) => INDEPENDENT_CODES.has(problem.code) || problem === syntax[0]);
}

function describeYamlError(problem: YAMLError, text: string, source: SourceLocation): Diagnostic {
  switch (problem.code) {
    case 'DUPLICATE_KEY': {
      const lineEnd = text.indexOf('\n', problem.pos[0]);
      const key = text.slice(problem.pos[0], lineEnd < 0 ? undefined : lineEnd).split(/:(?:\s|$)|\r/)[0]?.trim() ?? '';
      return makeDiagnostic('SPEC_YAML', `duplicate key ${quoteString(key)}`, source, 'each key may appear once in a mapping; remove or merge the repeated one');
    }
    case 'MULTIPLE_DOCS':
      return makeDiagnostic('SPEC_YAML', 'the file holds several YAML documents (separated by ---); a spec is one document', source);
    case 'BAD_DQ_ESCAPE':
      return makeDiagnostic(
        'SPEC_YAML',
        `invalid escape sequence in a double-quoted string`,
        source,
        "inside double quotes a backslash starts an escape; write Windows paths in single quotes ('C:\\specs\\x.txt') or without quotes",
      );
    case 'TAG_RESOLVE_FAILED': {
      const tag = /!\S*/.exec(problem.message)?.[0] ?? '';
      return makeDiagnostic('SPEC_YAML', `unknown YAML tag ${quoteString(tag)}; a spec uses plain YAML without custom tags`, source);
    }
    case 'TAB_AS_INDENT':
      return makeDiagnostic('SPEC_YAML', 'tabs are not allowed as indentation', source, 'indent with spaces');
    default: {
      const summary = `invalid YAML: ${firstSentence(problem.message)}`;
      const line = text.split('\n')[source.line - 1] ?? '';
      return /[\w.-]\[\d+:\d+\]/.test(line)
        ? makeDiagnostic('SPEC_YAML', summary, source, 'inside [ … ] lists, quote host ranges: ["rdsh[01:12].corp.contoso.com"]')
        : makeDiagnostic('SPEC_YAML', summary, source);
    }
  }
}

function makeDiagnostic(code: string, summary: string, source: SourceLocation, hint?: string): Diagnostic {
  return hint === undefined ? { severity: 'error', code, summary, source } : { severity: 'error', code, summary, hint, source };
}

/** The parser's message without its position and without the source token it quotes (which may be a secret). */
function firstSentence(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, '').replace(/: ".*"$/, '').replace(/\.$/, '');
}

function firstAliasOffset(document: Document): number {
  let offset = 0;
  visit(document, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function lineAndColumnOf(text: string, offset: number, file: string): SourceLocation {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { file, line, column: offset - before.lastIndexOf('\n') };
}
