/**
 * The findings section: the doctor's root causes, each with its findings' evidence and the fix,
 * and links to where its hosts and servers are drawn (topology nodes for licence servers, grace
 * chart rows for session hosts).
 */
import type { DoctorReport } from '../doctor/doctor-report.js';
import type { Anchors } from './report-anchors.js';
import type { ReportRootCause } from './report-data.js';

/** Links per root cause; the rest are counted in `hosts`. */
const MAX_LINKS = 12;

export function collectRootCauses(report: DoctorReport, anchors: Anchors): ReportRootCause[] {
  const byKey = new Map(report.findings.map((finding) => [finding.key, finding]));
  return report.rootCauses.map((root) => {
    const links: { label: string; href: string }[] = [];
    for (const host of root.hosts) {
      if (links.length >= MAX_LINKS) break;
      const anchor = anchors.find('server', host) ?? anchors.find('host', host);
      if (anchor) links.push({ label: host, href: `#${anchor}` });
    }
    return {
      anchor: anchors.of('cause', root.key),
      id: root.id,
      severity: root.severity,
      title: root.title,
      hosts: root.hosts.length,
      links,
      findings: root.findings.flatMap((key) => {
        const finding = byKey.get(key);
        if (!finding) return [];
        return [{ id: finding.id, severity: finding.severity, title: finding.title, cause: finding.cause, evidence: finding.evidence, evidenceOmitted: finding.evidenceOmitted ?? 0 }];
      }),
      fix: root.fix,
    };
  });
}
