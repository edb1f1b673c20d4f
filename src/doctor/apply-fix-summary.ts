/**
 * The summary of a fix that `rdsctl apply` carries: the first few changes it makes, described,
 * and how many more. A finding about 50,000 hosts names its changes in `addresses` (for
 * machines) and in the plan; spelling each one out in the summary made one doctor line of
 * 10 MB. Merged root causes keep the descriptions of their members here, so that the merged
 * summary is elided the same way.
 */
export const APPLY_PREFIX = 'rdsctl apply converges it: ';

/** Changes spelled out in a summary; the rest are counted. */
export const DESCRIBED_CHANGES = 3;

const described = new WeakMap<object, readonly string[]>();

export function applyFixSummary(descriptions: readonly string[], total: number): string {
  const shown = descriptions.slice(0, DESCRIBED_CHANGES);
  const more = total - shown.length;
  const tail = more > 0 ? `; and ${more} more change${more === 1 ? '' : 's'} (rdsctl plan lists them all)` : '';
  return `${APPLY_PREFIX}${shown.join('; ')}${tail}`;
}

/** Records the descriptions a fix's summary was made from (at most `DESCRIBED_CHANGES`). */
export function rememberDescribedChanges<T extends object>(fix: T, descriptions: readonly string[]): T {
  described.set(fix, descriptions.slice(0, DESCRIBED_CHANGES));
  return fix;
}

/** What `rememberDescribedChanges` recorded for the fix, if it was made from plan changes. */
export function describedChangesOf(fix: object): readonly string[] | undefined {
  return described.get(fix);
}
