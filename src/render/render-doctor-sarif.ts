/**
 * The doctor report as SARIF 2.1.0, so CI can annotate the spec file. Every result has a
 * physical location, which code-scanning uploads require: findings about something the spec
 * declares point at that region; estate-wide ones point at the file's first line and name what
 * they are about as a logical location. Severities map to SARIF levels: critical and error →
 * error, warning → warning, info → note.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DoctorReport } from '../doctor/doctor-report.js';
import { FINDING_CATALOG } from '../doctor/finding-catalog.js';
import type { Finding, FindingId, FindingSeverity } from '../doctor/finding.js';
import { jsonDocumentChunks } from '../io/json-chunks.js';

const LEVEL: Readonly<Record<FindingSeverity, 'error' | 'warning' | 'note'>> = { critical: 'error', error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  toolVersion: string;
  /** The file estate-wide findings point at: the spec, or the inventory without one. */
  file?: string;
}

export function renderDoctorSarif(report: DoctorReport, options: SarifOptions): string {
  return [...renderDoctorSarifChunks(report, options)].join('');
}

/** The same document a result at a time (`runs[0].results` is four levels down). */
export function renderDoctorSarifChunks(report: DoctorReport, options: SarifOptions): Generator<string> {
  const ids = [...new Set(report.findings.map((finding) => finding.id))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'rdsctl',
            version: options.toolVersion,
            rules: ids.map((id) => describeRule(id)),
          },
        },
        results: report.findings.map((finding) => describeResult(finding, ids.indexOf(finding.id), options.file)),
      },
    ],
  };
  return jsonDocumentChunks(sarif, 4);
}

function describeRule(id: FindingId) {
  const entry = FINDING_CATALOG[id];
  return {
    id,
    shortDescription: { text: entry.summary },
    defaultConfiguration: { level: LEVEL[entry.severity] },
  };
}

function describeResult(finding: Finding, ruleIndex: number, file: string | undefined) {
  const text = `${finding.title}. ${finding.cause} Fix: ${finding.fix.summary}`;
  const location = describeLocation(finding, file);
  return {
    ruleId: finding.id,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text },
    ...(location === undefined ? {} : { locations: [location] }),
    partialFingerprints: { rdsctlFindingKey: finding.key },
    properties: { severity: finding.severity, hosts: finding.hosts, rootCause: finding.rootCause },
  };
}

function describeLocation(finding: Finding, file: string | undefined) {
  const logicalLocations = [{ fullyQualifiedName: finding.address ?? (finding.hosts.length === 1 ? finding.hosts[0] : 'estate'), kind: 'resource' }];
  if (finding.location) {
    return {
      physicalLocation: { artifactLocation: { uri: toUri(finding.location.file) }, region: { startLine: finding.location.line, startColumn: finding.location.column } },
      ...(finding.address === undefined ? {} : { logicalLocations }),
    };
  }
  if (file === undefined) return undefined;
  return { physicalLocation: { artifactLocation: { uri: toUri(file) }, region: { startLine: 1, startColumn: 1 } }, logicalLocations };
}

/** The spec file as a SARIF URI: relative as given (forward slashes, no leading `./`), or a file URI when absolute. */
function toUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.replace(/\\/g, '/').replace(/^\.\//, '');
}
