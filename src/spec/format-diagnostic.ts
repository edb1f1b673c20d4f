import type { Diagnostic } from '../model/diagnostic.js';

/** `file:line:column: path: summary`, dropping the parts a diagnostic does not have. */
export function formatDiagnosticLine(diagnostic: Diagnostic): string {
  const { source, summary } = diagnostic;
  if (!source) return summary;
  const where = `${source.file}:${source.line}:${source.column}`;
  return source.path ? `${where}: ${source.path}: ${summary}` : `${where}: ${summary}`;
}
