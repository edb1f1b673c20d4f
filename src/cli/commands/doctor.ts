/**
 * `rdsctl doctor`: reads the estate (from a spec, or from a host list without one), follows every
 * session host's licensing path to its licence servers, and reports findings grouped by root
 * cause. Exit codes: 0 nothing at or above --fail-on, 4 findings at or above it, 1 the run itself
 * failed, 3 invalid input. An unreachable host is a finding, not a failed run.
 * `--format prometheus` prints `rdsctl_up 0` (to --out too) when the run fails, then fails as usual.
 * `--format nagios` follows the plugin convention instead: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN
 * (a failed run or invalid input), with the plugin line on stdout and the error on stderr.
 */
import type { DoctorInput } from '../../doctor/doctor-input.js';
import type { DoctorReport } from '../../doctor/doctor-report.js';
import { isAtLeast, SEVERITIES, type FindingSeverity } from '../../doctor/finding.js';
import { createHistoryEntry, recordHistory } from '../../doctor/history-file.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { renderDoctorJsonChunks } from '../../render/render-doctor-json.js';
import { renderDoctorPrometheus, renderDoctorPrometheusDown } from '../../render/render-doctor-prometheus.js';
import { NAGIOS_EXIT, renderDoctorNagios, renderDoctorNagiosUnknown } from '../../render/render-doctor-nagios.js';
import { renderDoctorMarkdown } from '../../render/render-doctor-markdown.js';
import { renderDoctorSarifChunks } from '../../render/render-doctor-sarif.js';
import { renderDoctorTextChunks } from '../../render/render-doctor-text.js';
import { writeFileAtomically } from '../../providers/lab/write-file-atomically.js';
import { createErrorDocument } from '../error-document.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { reportError } from '../report-error.js';
import { packageVersion } from '../package-version.js';
import { diagnoseEstate, type Diagnosis, type EstateSelection } from './diagnose-estate.js';

export type DoctorFormat = 'text' | 'json' | 'markdown' | 'sarif' | 'prometheus' | 'nagios';

export interface DoctorOptions extends EstateSelection {
  format: DoctorFormat;
  json?: boolean;
  failOn: string;
  /** Write the output to this file (a temporary file in its directory, renamed into place) instead of stdout. */
  out?: string;
}

export async function runDoctorCommand(options: DoctorOptions, output: Output): Promise<number> {
  if (options.format === 'nagios' && !options.json) return runAsNagiosPlugin(options, output);
  const failOn = parseSeverity(options.failOn);
  const format = options.json ? 'json' : options.format;
  let diagnosis: Diagnosis;
  try {
    diagnosis = await diagnoseEstate(options, output);
  } catch (error) {
    if (format === 'prometheus') await emit(renderDoctorPrometheusDown(), options.out, output);
    throw error;
  }
  const { report, input, withoutSpec, loaded } = diagnosis;
  await emit(renderReport(report, format, { color: options.out === undefined && output.color('stdout'), width: output.width(), file: withoutSpec ? options.inventory : loaded.file, input }), options.out, output);
  // The findings are out before the history is written: a history that cannot be written fails
  // the run (exit 1) on stderr, and stdout keeps its one document.
  try {
    await appendHistoryIfAsked(options, diagnosis, output);
  } catch (error) {
    return reportError(error, output, { debug: false, machine: false });
  }
  return report.findings.some((finding) => isAtLeast(finding.severity, failOn)) ? EXIT.findings : EXIT.ok;
}

/** Plugin exit codes whatever happens: an error is UNKNOWN (3), reported on stderr as usual. */
async function runAsNagiosPlugin(options: DoctorOptions, output: Output): Promise<number> {
  let result;
  try {
    const failOn = parseSeverity(options.failOn);
    const diagnosis = await diagnoseEstate(options, output);
    await appendHistoryIfAsked(options, diagnosis, output);
    result = renderDoctorNagios(diagnosis.report, diagnosis.input, failOn);
  } catch (error) {
    reportError(error, output, { debug: false, machine: false });
    result = renderDoctorNagiosUnknown(createErrorDocument(error).error.message);
  }
  await emit(result.line, options.out, output);
  return NAGIOS_EXIT[result.state];
}

async function appendHistoryIfAsked(options: DoctorOptions, { input }: Diagnosis, output: Output): Promise<void> {
  if (options.history) await recordHistory(options.history, createHistoryEntry(input.live, input.now), { warn: (line) => output.progress(line) });
}

/** Writes the output as it is rendered, to stdout or to `out` (a temporary file renamed into place). */
async function emit(text: string | Iterable<string>, out: string | undefined, output: Output): Promise<void> {
  const chunks = typeof text === 'string' ? [text] : text;
  if (out === undefined) {
    await output.stdoutChunks(chunks);
    return;
  }
  try {
    await writeFileAtomically(out, chunks);
  } catch (error) {
    throw new RdsctlError({ code: 'USAGE', kind: 'environment', message: `cannot write the doctor output to ${out}: ${(error as Error).message}`, cause: error });
  }
}

/** The report in pieces, a finding (or SARIF result) at a time; prometheus and markdown are one piece. */
export function renderReport(report: DoctorReport, format: DoctorFormat, { color, width, file, input }: { color: boolean; width?: number; file?: string; input: DoctorInput }): Iterable<string> {
  if (format === 'json') return renderDoctorJsonChunks(report);
  if (format === 'prometheus') return [renderDoctorPrometheus(report, input)];
  if (format === 'markdown') return [renderDoctorMarkdown(report)];
  if (format === 'sarif') return renderDoctorSarifChunks(report, { toolVersion: packageVersion(), ...(file === undefined ? {} : { file }) });
  return renderDoctorTextChunks(report, { color, ...(width === undefined ? {} : { width }) });
}

function parseSeverity(value: string): FindingSeverity {
  const found = SEVERITIES.find((severity) => severity === value);
  if (found) return found;
  throw new RdsctlError({ code: 'USAGE', kind: 'user', message: `--fail-on must be one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(value)}` });
}
