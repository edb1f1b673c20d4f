/**
 * A server the spec no longer intends can be broken in its own way (an old CAL version, a stopped
 * service); when every host it strands is blocked because its licence-server list differs from
 * the spec's, converging the list is the fix, so its finding groups under that cause instead of
 * standing as a root cause of its own with a fix nobody needs. Pure.
 */
import { canonicalHostName } from '../model/host-name.js';
import type { DoctorContext } from './doctor-context.js';
import type { Finding } from './finding.js';

export function explainByIntendedList(findings: readonly Finding[], context: DoctorContext): Finding[] {
  // Block key -> the one differ key explaining every host it blocks; null when any host is not explained.
  const explained = new Map<string, string | null>();
  for (const analysis of context.sessionHosts) {
    const intended = analysis.intended;
    const differs = analysis.block?.id === 'RDSL-LICENSE-SERVERS-DIFFER' || analysis.block?.id === 'RDSL-BROKER-DISAGREES' ? analysis.block.key : undefined;
    const wanted = new Set((intended?.servers ?? []).map((name) => canonicalHostName(context.view.host(name)?.host ?? name)));
    for (const attempt of analysis.attempts) {
      if (!attempt.block) continue;
      const server = canonicalHostName(attempt.server?.host ?? attempt.listed);
      const explainer = differs !== undefined && !wanted.has(server) ? differs : null;
      const seen = explained.get(attempt.block.key);
      explained.set(attempt.block.key, seen === undefined || seen === explainer ? explainer : null);
    }
  }
  return findings.map((finding) => {
    const explainer = explained.get(finding.key);
    return explainer && finding.rootCause === finding.key ? { ...finding, rootCause: explainer } : finding;
  });
}
