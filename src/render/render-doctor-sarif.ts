/**
 * The doctor report as SARIF 2.1.0, so CI can annotate the spec file: findings about something
 * the spec declares point at that line; the others carry no location (code-scanning tools list
 * them without an annotation). Severities map to SARIF levels: critical and error → error,
 * warning → warning, info → note.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DoctorReport } from '../doctor/doctor-report.js';
import { FINDING_CATALOG } from '../doctor/finding-catalog.js';
import type { Finding, FindingId, FindingSeverity } from '../doctor/finding.js';

const LEVEL: Readonly<Record<FindingSeverity, 'error' | 'warning' | 'note'>> = { critical: 'error', error: 'error', warning: 'warning', info: 'note' };

export function renderDoctorSarif(report: DoctorReport, options: { toolVersion: string }): string {
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
        results: report.findings.map((finding) => describeResult(finding, ids.indexOf(finding.id))),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function describeRule(id: FindingId) {
  const entry = FINDING_CATALOG[id];
  return {
    id,
    shortDescription: { text: entry.summary },
    defaultConfiguration: { level: LEVEL[entry.severity] },
  };
}

function describeResult(finding: Finding, ruleIndex: number) {
  const text = `${finding.title}. ${finding.cause} Fix: ${finding.fix.summary}`;
  return {
    ruleId: finding.id,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text },
    ...(finding.location
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUri(finding.location.file) },
                region: { startLine: finding.location.line, startColumn: finding.location.column },
              },
            },
          ],
        }
      : {}),
    partialFingerprints: { rdsctlFindingKey: finding.key },
    properties: { severity: finding.severity, hosts: finding.hosts, rootCause: finding.rootCause },
  };
}

/** The spec file as a SARIF URI: relative as given (forward slashes, no leading `./`), or a file URI when absolute. */
function toUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.replace(/\\/g, '/').replace(/^\.\//, '');
}
