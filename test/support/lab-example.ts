/** The contoso lab example for end-to-end runs: a private copy, optionally slowed down, and what it installed. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyExample } from './run-cli.js';

/** A copy of the example whose lab takes `delayMs` per change, so runs can be caught in flight. */
export function slowExample(delayMs: number): string {
  const cwd = copyExample('contoso');
  const estate = path.join(cwd, 'estate.yaml');
  writeFileSync(estate, readFileSync(estate, 'utf8').replace(/^lab:\n/m, `lab:\n  applyDelayMs: ${delayMs}\n`));
  return cwd;
}

/** Volume licences installed per (server, CAL type) in the live estate: an install made twice shows here. */
export function purchasedTotals(cwd: string): Record<string, number> {
  const estate = JSON.parse(readFileSync(path.join(cwd, '.rdsctl', 'lab', 'contoso.estate.json'), 'utf8')) as {
    hosts: { host: string; licenseServer?: { keyPacks: { type: string; channel: string; total: number }[] } }[];
  };
  const totals: Record<string, number> = {};
  for (const host of estate.hosts) {
    for (const pack of host.licenseServer?.keyPacks ?? []) {
      if (pack.channel !== 'volume') continue;
      const key = `${host.host} ${pack.type}`;
      totals[key] = (totals[key] ?? 0) + pack.total;
    }
  }
  return totals;
}

/** The example's volume licences once converged. */
export const CONVERGED_TOTALS = {
  'lic01.corp.contoso.com perUser': 250,
  'lic01.corp.contoso.com perDevice': 50,
  'lic02.corp.contoso.com perUser': 100,
  'lic02.corp.contoso.com perDevice': 25,
};
