/**
 * `rdsctl validate`: loads the spec, reporting every schema, cross-reference and provider
 * problem in one run, and reads no host. With `--json`, a valid spec prints a small summary
 * document; an invalid one prints the error document (with every diagnostic) like any command.
 */
import { expandSpec } from '../../engine/expand-spec.js';
import { loadSpec } from '../../spec/load-spec.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';

export interface ValidationSummary {
  formatVersion: 1;
  file: string;
  valid: true;
  licenseServers: number;
  sessionHosts: number;
  pools: number;
  gpos: number;
  /** RD Connection Brokers whose deployments carry a pool's licensing. */
  connectionBrokers: number;
}

export async function runValidate(options: { file: string; json?: boolean }, output: Output): Promise<number> {
  const loaded = await loadSpec(options.file);
  const desired = expandSpec(loaded);
  const summary: ValidationSummary = {
    formatVersion: 1,
    file: loaded.file,
    valid: true,
    licenseServers: desired.licenseServers.length,
    sessionHosts: desired.sessionHosts.length,
    pools: loaded.spec.sessionHostPools?.length ?? 0,
    gpos: desired.gpos.length,
    connectionBrokers: desired.connectionBrokers.length,
  };
  const brokers = summary.connectionBrokers > 0 ? `, ${summary.connectionBrokers} connection broker(s)` : '';
  output.stdout(
    options.json
      ? `${JSON.stringify(summary, null, 2)}\n`
      : `${summary.file} is valid: ${summary.licenseServers} licence server(s), ${summary.sessionHosts} session host(s) in ${summary.pools} pool(s), ${summary.gpos} GPO(s)${brokers}.\n`,
  );
  return EXIT.ok;
}
