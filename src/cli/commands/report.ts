/**
 * `rdsctl report`: diagnoses the estate as doctor does, then writes the licensing report: one
 * self-contained HTML file (default), the report data as JSON, or the issued-CAL inventory as
 * CSV. The chart libraries load only for HTML. Exit codes: 0 the report was written, 1 the run
 * failed, 3 invalid input; findings do not change the exit code (use doctor --fail-on for that).
 */
import { stat } from 'node:fs/promises';
import { buildReportData } from '../../report/build-report-data.js';
import type { ReportData } from '../../report/report-data.js';
import { renderReportCsv } from '../../report/render-report-csv.js';
import { renderReportJsonChunks } from '../../report/render-report-json.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { writeFileAtomically } from '../../providers/lab/write-file-atomically.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { diagnoseEstate, type EstateSelection } from './diagnose-estate.js';

export type ReportFormat = 'html' | 'json' | 'csv';

export interface ReportOptions extends EstateSelection {
  format: ReportFormat;
  out?: string;
  expandPool?: string[];
}

export async function runReportCommand(options: ReportOptions, output: Output): Promise<number> {
  const { report, input, providerName } = await diagnoseEstate(options, output);
  const data = buildReportData({ input, report, provider: providerName, withHistory: options.history !== undefined, expandPools: options.expandPool ?? [] });
  const chunks = await renderReportAs(data, options.format);
  if (options.out === undefined) {
    await output.stdoutChunks(chunks);
    return EXIT.ok;
  }
  try {
    await writeFileAtomically(options.out, chunks);
  } catch (error) {
    throw new RdsctlError({ code: 'USAGE', kind: 'environment', message: `cannot write the report to ${options.out}: ${(error as Error).message}`, cause: error });
  }
  output.progress(`Wrote the ${options.format.toUpperCase()} report to ${options.out} (${Math.round((await stat(options.out)).size / 1024)} KiB).`);
  return EXIT.ok;
}

/** The report in pieces as it is rendered: JSON a row at a time; HTML and CSV are one piece each. */
async function renderReportAs(data: ReportData, format: ReportFormat): Promise<Iterable<string>> {
  if (format === 'json') return renderReportJsonChunks(data);
  if (format === 'csv') return [renderReportCsv(data)];
  const { renderReportHtml } = await import('../../report/html/render-report-html.js');
  return [await renderReportHtml(data)];
}
