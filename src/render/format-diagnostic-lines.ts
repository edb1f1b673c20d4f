/**
 * Diagnostics as indented text lines, shared by the plan and apply text renderers.
 */
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import { paintText, type TextStyle } from './color.js';

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

const SEVERITY_STYLE: Readonly<Record<Severity, TextStyle>> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** Diagnostics ordered by severity (errors first), keeping their order within a severity. */
export function sortDiagnosticsBySeverity(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return SEVERITY_ORDER.flatMap((severity) => diagnostics.filter((d) => d.severity === severity));
}

export interface DiagnosticLineOptions {
  indent: string;
  color: boolean;
  /** The address the surrounding output is already about; not repeated. */
  contextAddress?: string;
}

/**
 * `error: summary`, then where it applies, the detail and the hint, each indented two more
 * spaces than the summary.
 */
export function formatDiagnosticLines(diagnostic: Diagnostic, options: DiagnosticLineOptions): string[] {
  const { indent, color } = options;
  const inner = `${indent}  `;
  const lines = [`${indent}${paintText(`${diagnostic.severity}:`, SEVERITY_STYLE[diagnostic.severity], color)} ${diagnostic.summary}`];
  if (diagnostic.address !== undefined && diagnostic.address !== options.contextAddress) lines.push(`${inner}resource: ${diagnostic.address}`);
  if (diagnostic.source !== undefined) {
    const { file, line, column, path } = diagnostic.source;
    lines.push(`${inner}spec: ${file}:${line}:${column}${path === undefined ? '' : ` (${path})`}`);
  }
  if (diagnostic.detail !== undefined) lines.push(...diagnostic.detail.split('\n').map((text) => `${inner}${text}`));
  if (diagnostic.hint !== undefined) lines.push(`${inner}hint: ${diagnostic.hint}`);
  return lines;
}
