import { describe, expect, test } from 'vitest';
import type { Plan } from '../model/plan.js';
import { buildEmptyPlan, buildPlanOverManyHosts, buildSamplePlan } from './fixtures/sample-plan.js';
import { escapeMarkdown, renderPlanMarkdown } from './render-plan-markdown.js';

function planWithGpoNamed(name: string): Plan {
  const plan = buildEmptyPlan();
  return {
    ...plan,
    changes: [
      {
        address: `gpo[${name}]`,
        resource: 'gpo',
        action: 'update',
        target: { kind: 'gpo', gpo: name, domain: 'corp.contoso.com' },
        attributes: [{ name: 'licensingMode', before: 'perDevice', after: 'perUser' }],
        operations: [{ kind: 'setGpoLicensingMode', gpo: name, domain: 'corp.contoso.com', mode: 'perUser' }],
        dependsOn: [],
      },
    ],
    summary: { ...plan.summary, update: 1 },
    hasChanges: true,
  };
}

describe('renderPlanMarkdown', () => {
  test('opens with the deployment heading and the summary in bold', () => {
    const lines = renderPlanMarkdown(buildSamplePlan()).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '### rdsctl plan: contoso',
      '',
      '**Plan: 1 to create, 6 to update, 0 to delete, 1 refused. 12 hosts pending policy refresh. 1 host could not be read.**',
    ]);
  });

  test('puts each change group in one table row', () => {
    const markdown = renderPlanMarkdown(buildSamplePlan());
    expect(markdown).toContain('| Action | Resource | Changes |\n| --- | --- | --- |\n');
    expect(markdown).toContain(
      '| \\~ update | sessionHost[kiosk01.corp.contoso.com] and 1 more in pool "kiosks": kiosk[01:02].corp.contoso.com | licenseServers |',
    );
  });

  test('starts diff lines with their sign so GitHub colours them', () => {
    const markdown = renderPlanMarkdown(buildSamplePlan());
    expect(markdown).toContain('```diff\n');
    expect(markdown).toContain('~ licenseServers: [\n-     "lic02.corp.contoso.com"\n      "lic01.corp.contoso.com"\n+     "lic02.corp.contoso.com"\n  ]\n');
  });

  test('escapes pipes and backticks in table cells', () => {
    const markdown = renderPlanMarkdown(planWithGpoNamed('RDS | `Finance`'));
    expect(markdown).toContain('| \\~ update | gpo[RDS \\| \\`Finance\\`] | licensingMode: "perDevice" → "perUser" |');
  });

  test('fences the diff with more backticks than any name contains', () => {
    const markdown = renderPlanMarkdown(planWithGpoNamed('odd ```name'));
    expect(markdown).toContain('````diff\n# gpo[odd ```name] will be updated\n');
    expect(markdown).toContain('\n````\n');
  });

  test('says there is nothing to do when the plan is empty, with no table', () => {
    expect(renderPlanMarkdown(buildEmptyPlan())).toBe('### rdsctl plan: contoso\n\nNo changes. The estate matches the spec.\n');
  });

  test('leaves plain text alone', () => {
    expect(escapeMarkdown('licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]')).toBe(
      'licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]',
    );
  });

  test('stays under 60,000 characters over thousands of hosts, saying what it cut', () => {
    const markdown = renderPlanMarkdown(buildPlanOverManyHosts(5000));
    expect(markdown.length).toBeLessThan(60_000);
    expect(markdown.length).toBeGreaterThan(55_000);
    expect(markdown).toContain('| sessionHost | 0 | 5000 | 0 | 0 |');
    expect(markdown.trimEnd().split('\n').at(-1)).toMatch(/^_Cut to stay under 60,000 characters: \d+ of 5003 host details, 1 of 1 pending line\. rdsctl plan prints the whole plan as text or --json\._$/);
  });

  test('cuts nothing, and says nothing about cutting, when the plan fits', () => {
    expect(renderPlanMarkdown(buildSamplePlan())).not.toContain('_Cut to stay under');
  });

  test('puts the summary first: counts by resource kind and action, then status', () => {
    const markdown = renderPlanMarkdown(buildSamplePlan(), { freshness: { state: 'unchecked', detail: 'rdsctl show plan.json --check checks it' } });
    expect(markdown.indexOf('| Resource kind |')).toBeLessThan(markdown.indexOf('| Status | |'));
    expect(markdown.indexOf('| Status | |')).toBeLessThan(markdown.indexOf('#### Refused changes'));
    expect(markdown).toContain('| Freshness | not checked: rdsctl show plan.json --check checks it |');
    expect(markdown).toContain('| licenseServer.keyPack | 1 | 1 | 0 | 1 |\n| gpo | 0 | 1 | 0 | 0 |');
  });
});
