import { expandSpec } from '../../engine/expand-spec.js';
import { loadSpec } from '../../spec/load-spec.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';

export async function runValidate(options: { file: string }, output: Output): Promise<number> {
  const loaded = await loadSpec(options.file);
  const desired = expandSpec(loaded);
  const pools = loaded.spec.sessionHostPools?.length ?? 0;
  output.stdout(
    `${loaded.file} is valid: ${desired.licenseServers.length} licence server(s), ${desired.sessionHosts.length} session host(s) in ${pools} pool(s), ${desired.gpos.length} GPO(s).\n`,
  );
  return EXIT.ok;
}
