import { sessionHostAddress } from '../model/address.js';
import type { DesiredSessionHost } from './desired-model.js';
import type { DiffContext } from './diff-context.js';
import type { Equivalence } from './compare-server-lists.js';

const MATCH_WORDS: Readonly<Record<Equivalence['match'], string>> = {
  case: 'differs only in case',
  shortName: 'is the short name',
  address: 'is an address',
};

/** Says in the plan why a list that reads differently is not drift. */
export function reportEquivalences(desired: DesiredSessionHost, equivalences: readonly Equivalence[], ctx: DiffContext): void {
  for (const { listed, declared, match } of equivalences) {
    ctx.diagnostics.push({
      severity: 'info',
      code: 'NAME_EQUIVALENT',
      summary: `${desired.host}: licence server "${listed}" ${MATCH_WORDS[match]} of ${declared}; not rewritten`,
      address: sessionHostAddress(desired.host),
    });
  }
}
