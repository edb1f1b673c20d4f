import { describe, expect, test } from 'vitest';
import type { Change } from '../model/change.js';
import type { Plan } from '../model/plan.js';
import { buildEmptyPlan, buildSamplePlan } from './fixtures/sample-plan.js';
import { renderPlanText, renderPlanTextChunks } from './render-plan-text.js';

const ANSI = /\u001b\[/;

function kioskChange(n: number): Change {
  const host = `kiosk${String(n).padStart(2, '0')}.corp.contoso.com`;
  return {
    address: `sessionHost[${host}]`,
    resource: 'sessionHost',
    action: 'update',
    target: { kind: 'host', host },
    attributes: [{ name: 'licensingMode', before: 'perUser', after: 'perDevice' }],
    operations: [{ kind: 'setLicensingMode', mode: 'perDevice' }],
    dependsOn: [],
    pool: 'kiosks',
  };
}

function planWith(changes: Change[]): Plan {
  const plan = buildEmptyPlan();
  return { ...plan, changes, hasChanges: changes.length > 0, summary: { ...plan.summary, update: changes.length } };
}

describe('renderPlanText', () => {
  test('groups identical changes across a pool into one block with a compact host list', () => {
    const text = renderPlanText(planWith([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map(kioskChange)), { color: false });
    expect(text).toContain(
      [
        '  # sessionHost[kiosk02.corp.contoso.com] and 11 more in pool "kiosks" will be updated',
        '    hosts: kiosk[02:13].corp.contoso.com',
        '      ~ licensingMode: "perUser" → "perDevice"',
        '',
      ].join('\n'),
    );
    expect(text.match(/ # /g)).toHaveLength(1);
  });

  test('shows a reordered server list as a removal and an addition, line by line', () => {
    expect(renderPlanText(buildSamplePlan(), { color: false })).toContain(
      [
        '  # gpo[RDS Licensing - Finance] will be updated',
        '    (the GPO lists the licence servers in a different failover order)',
        '      ~ licenseServers: [',
        '          - "lic02.corp.contoso.com"',
        '            "lic01.corp.contoso.com"',
        '          + "lic02.corp.contoso.com"',
        '        ]',
      ].join('\n'),
    );
  });

  test('says what to do instead when no policy key may allow a refused change', () => {
    const plan = buildSamplePlan();
    const removal = plan.changes.find((change) => change.refused !== undefined)!;
    removal.refused = { rule: 'unexplainedInstall', message: 'an earlier install did not show up as asked', remedy: 'check the key packs, then acknowledge the install' };
    expect(renderPlanText(plan, { color: false })).toContain(
      '      ! refused by guard rail unexplainedInstall: an earlier install did not show up as asked (check the key packs, then acknowledge the install)',
    );
  });

  test('says which guard rail refused a change and how to allow it', () => {
    expect(renderPlanText(buildSamplePlan(), { color: false })).toContain(
      '      ! refused by guard rail keyPackRemoval: removing a key pack gives up its installed licences (set policy.allow.keyPackRemoval: true to allow)',
    );
  });

  test('ends with the summary line, counting hosts pending a policy refresh', () => {
    expect(renderPlanText(buildSamplePlan(), { color: false }).trimEnd().split('\n').at(-1)).toBe(
      'Plan: 1 to create, 6 to update, 0 to delete, 1 refused. 12 hosts pending policy refresh. 1 host could not be read.',
    );
  });

  test('says there is nothing to do when the plan is empty', () => {
    expect(renderPlanText(buildEmptyPlan(), { color: false })).toBe(
      'Plan for deployment "contoso" (provider lab)\n\nNo changes. The estate matches the spec.\n',
    );
  });

  test('does not claim the estate matches when hosts could not be read', () => {
    const text = renderPlanText({ ...buildEmptyPlan(), unknownHosts: ['kiosk04.corp.contoso.com'] }, { color: false });
    expect(text).not.toContain('The estate matches the spec');
    expect(text).toContain('No changes for the hosts that could be read; 1 host could not be read (see Unknown below).');
    expect(text).toContain('Unknown: these hosts could not be read; nothing planned for them.\n  kiosk04.corp.contoso.com\n');
  });

  test('writes no colour codes without colour, and colours the signs with it', () => {
    expect(renderPlanText(buildSamplePlan(), { color: false })).not.toMatch(ANSI);
    const coloured = renderPlanText(buildSamplePlan(), { color: true });
    expect(coloured).toContain('\u001b[32m+\u001b[39m program: "enterpriseAgreement"');
    expect(coloured).toContain('\u001b[33m~\u001b[39m quantity: 200 → 250');
    expect(coloured).toContain('\u001b[31m-\u001b[39m "lic02.corp.contoso.com"');
    expect(coloured).toContain('\u001b[35m! refused by guard rail keyPackRemoval');
    expect(coloured).toContain('\u001b[2m  "lic01.corp.contoso.com"\u001b[22m');
  });

  // Speed is measured by `npm run bench` (bench-cli), not asserted here.
  test('groups 10,000 like host changes into one line', () => {
    const changes = Array.from({ length: 10_000 }, (_, index) => kioskChange(index + 1));
    const text = renderPlanText(planWith(changes), { color: false });
    expect(text).toContain('  # sessionHost[kiosk01.corp.contoso.com] and 9999 more in pool "kiosks" will be updated\n');
  });
});

describe('renderPlanTextChunks', () => {
  // Each host lists a retired server of its own, so no two changes group.
  function distinctChange(n: number): Change {
    const host = `rdsh${String(n).padStart(5, '0')}.corp.contoso.com`;
    const after = ['lic01.corp.contoso.com', 'lic02.corp.contoso.com'];
    return {
      ...kioskChange(n),
      address: `sessionHost[${host}]`,
      target: { kind: 'host', host },
      pool: 'rdsh',
      attributes: [{ name: 'licenseServers', before: [...after, `retired${n}.corp.contoso.com`], after }],
      operations: [{ kind: 'setLicenseServers', servers: after }],
    };
  }

  test('gives a plan of thousands of distinct changes a block at a time, the same text as the whole rendering', () => {
    const plan = planWith(Array.from({ length: 3000 }, (_, i) => distinctChange(i + 1)));
    const chunks = [...renderPlanTextChunks(plan, { color: false, width: 100 })];
    // Header, the changes' intro, one chunk per change, the summary and the final line break.
    expect(chunks).toHaveLength(3000 + 4);
    expect(chunks.slice(2, -2).every((chunk) => chunk.match(/ {2}# /g)?.length === 1)).toBe(true);
    expect(chunks[1 + 1234]).toBe(
      [
        '',
        '',
        '  # sessionHost[rdsh01234.corp.contoso.com] will be updated',
        '      ~ licenseServers: [',
        '            "lic01.corp.contoso.com"',
        '            "lic02.corp.contoso.com"',
        '          - "retired1234.corp.contoso.com"',
        '        ]',
      ].join('\n'),
    );
    expect(chunks.at(-2)).toBe('\n\nPlan: 0 to create, 3000 to update, 0 to delete, 0 refused.');
    expect(chunks.join('')).toBe(renderPlanText(plan, { color: false, width: 100 }));
  });
});
