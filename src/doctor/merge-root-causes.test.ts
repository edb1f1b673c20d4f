import { describe, expect, it } from 'vitest';
import { applyFixSummary, rememberDescribedChanges } from './apply-fix-summary.js';
import type { RootCause } from './doctor-report.js';
import type { Finding, Fix } from './finding.js';
import { mergeRootCauses } from './merge-root-causes.js';

const server = (n: number): string => `lic0${n}.corp.contoso.com`;
const change = (n: number): string => `licenseServer[${server(n)}].firewall (ruleGroup disabled → enabled)`;

function planFix(changes: readonly number[]): Fix {
  const descriptions = changes.map(change);
  return rememberDescribedChanges({ kind: 'apply', summary: applyFixSummary(descriptions, changes.length), addresses: changes.map((n) => `licenseServer[${server(n)}].firewall`) }, descriptions);
}

function root(n: number, fix: Fix): RootCause {
  return { key: `RDSL-FIREWALL-DISABLED:${server(n)}`, id: 'RDSL-FIREWALL-DISABLED', severity: 'warning', title: `${server(n)} firewall`, hosts: [server(n)], findings: [`RDSL-FIREWALL-DISABLED:${server(n)}`], fix };
}

const findings = (roots: readonly RootCause[]): Finding[] => roots.map((cause) => ({ key: cause.key, hosts: cause.hosts }) as unknown as Finding);

describe('mergeRootCauses', () => {
  it("merges the plan changes of one cause on several servers into one summary, spelling out three and counting the rest", () => {
    const roots = [1, 2, 3, 4, 5].map((n) => root(n, planFix([n])));
    const [merged, ...rest] = mergeRootCauses(roots, findings(roots)).roots;
    expect(rest).toEqual([]);
    expect(merged?.fix).toEqual({
      kind: 'apply',
      summary: `rdsctl apply converges it: ${[1, 2, 3].map(change).join('; ')}; and 2 more changes (rdsctl plan lists them all)`,
      addresses: [1, 2, 3, 4, 5].map((n) => `licenseServer[${server(n)}].firewall`),
    });
  });

  it('names ten servers in the merged title and counts the rest', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => i + 10);
    const roots = twelve.map((n) => root(n, planFix([n])));
    const [merged] = mergeRootCauses(roots, findings(roots)).roots;
    expect(merged?.title).toBe(`The Remote Desktop Licensing Server firewall rule group is not enabled: ${twelve.slice(0, 10).map(server).join(', ')} … and 2 more`);
    const three = [1, 2, 3].map((n) => root(n, planFix([n])));
    expect(mergeRootCauses(three, findings(three)).roots[0]?.title).toBe(`The Remote Desktop Licensing Server firewall rule group is not enabled: ${[1, 2, 3].map(server).join(', ')}`);
  });

  it('counts changes members share once', () => {
    const roots = [root(1, planFix([1, 2])), root(2, planFix([2, 3]))];
    const [merged] = mergeRootCauses(roots, findings(roots)).roots;
    expect(merged?.fix.summary).toBe(`rdsctl apply converges it: ${[1, 2, 3].map(change).join('; ')}`);
  });

  it('puts summaries that are not lists of plan changes after the elided list', () => {
    const pending: Fix = { kind: 'apply', summary: 'the GPO already carries the fix; the host picks it up at the next policy refresh (gpupdate /force), and rdsctl apply verifies it', addresses: ['sessionHost[rdsh01]'] };
    const roots = [root(1, planFix([1, 2])), root(2, pending), root(3, planFix([3, 4]))];
    const [merged] = mergeRootCauses(roots, findings(roots)).roots;
    expect(merged?.fix.summary).toBe(`rdsctl apply converges it: ${[1, 2, 3].map(change).join('; ')}; and 1 more change (rdsctl plan lists them all); ${pending.summary}`);
    const alone = [root(1, pending), root(2, { ...pending, addresses: ['sessionHost[rdsh02]'] })];
    expect(mergeRootCauses(alone, findings(alone)).roots[0]?.fix.summary).toBe(`rdsctl apply converges it: ${pending.summary}`);
  });
});
