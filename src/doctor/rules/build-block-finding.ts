/**
 * The finding for a group of session hosts blocked on one server for one cause: an error when
 * some of them are left with no working licence server, a warning when they all fail over.
 */
import type { SpecPath } from '../../spec/loaded-spec.js';
import { buildFinding } from '../build-finding.js';
import type { Evidence, Finding, Fix } from '../finding.js';
import { dependentHosts, describeImpact, type BlockGroup } from './group-blocks.js';

export interface BlockFindingText {
  title: string;
  /** Why it blocks, before the impact sentence. */
  cause: string;
  fix: Fix;
  address?: string;
  specPath?: SpecPath;
  evidence?: readonly Evidence[];
  /** Force the severity (for server-side faults that are errors whatever the failover). */
  severity?: Finding['severity'];
}

export function buildBlockFinding(group: BlockGroup, text: BlockFindingText): Finding {
  return buildFinding({
    id: group.id,
    subject: group.key.slice(group.id.length + 1),
    severity: text.severity ?? (group.stranded.length > 0 ? 'error' : 'warning'),
    title: text.title,
    hosts: [group.server, ...dependentHosts(group.dependents)],
    evidence: [...(text.evidence ?? []), ...group.evidence],
    cause: `${text.cause} ${describeImpact(group.dependents, group.stranded)}.`,
    fix: text.fix,
    ...(text.address ? { address: text.address } : {}),
    ...(text.specPath ? { specPath: text.specPath } : {}),
  });
}
