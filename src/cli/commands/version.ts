/**
 * `rdsctl version` (also `--version`, `-v`): rdsctl's version, the Node.js running it, and the
 * versions of the formats it reads and writes, so a bug report or a CI log says all of them.
 */
import { DOCTOR_REPORT_FORMAT_VERSION } from '../../doctor/doctor-report.js';
import { ERROR_FORMAT_VERSION } from '../../model/error-document.js';
import { PLAN_FORMAT_VERSION } from '../../model/plan.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { packageVersion } from '../package-version.js';

export interface VersionInfo {
  rdsctl: string;
  node: string;
  formats: { spec: string; plan: number; applyReport: number; liveState: number; doctorReport: number; error: number };
}

export function collectVersions(): VersionInfo {
  return {
    rdsctl: packageVersion(),
    node: process.versions.node,
    formats: { spec: 'rdsctl/v1', plan: PLAN_FORMAT_VERSION, applyReport: 1, liveState: 1, doctorReport: DOCTOR_REPORT_FORMAT_VERSION, error: ERROR_FORMAT_VERSION },
  };
}

export async function runVersion(options: { json?: boolean }, output: Output): Promise<number> {
  const info = collectVersions();
  if (options.json) {
    output.stdout(`${JSON.stringify(info, null, 2)}\n`);
    return EXIT.ok;
  }
  const { formats } = info;
  output.stdout(
    [
      `rdsctl ${info.rdsctl}`,
      `node ${info.node}`,
      `spec apiVersion ${formats.spec}; formatVersion of plan ${formats.plan}, apply report ${formats.applyReport}, live state ${formats.liveState}, doctor report ${formats.doctorReport}, error ${formats.error}`,
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
