/** Pools configured by an RD Connection Broker: who owns the settings, and one configuration per broker. */
import { describe, expect, it } from 'vitest';
import { editSpec } from './fixtures/base-spec.js';
import { collectProblems, TEST_FILE as F } from './fixtures/collect-problems.js';
import { parseSpecText } from './load-spec.js';

const KIOSKS = '    configuredBy: local\n    licensingMode: perDevice\n    licenseServers: [lic02.corp.contoso.com, lic01.corp.contoso.com]';

describe('broker pools', () => {
  it('accepts a broker pool with its values, and a broker that owns them with none', () => {
    expect(collectProblems(editSpec([KIOSKS, KIOSKS.replace('configuredBy: local', 'configuredBy: { broker: cb01.corp.contoso.com }')]))).toEqual([]);
    expect(collectProblems(editSpec([KIOSKS, '    configuredBy: { broker: cb01.corp.contoso.com, licensingOwner: broker }']))).toEqual([]);
    const loaded = parseSpecText(editSpec([KIOSKS, '    configuredBy: { broker: cb01.corp.contoso.com, licensingOwner: broker }']), F, '/work/specs');
    expect(loaded.spec.sessionHostPools?.[1]?.configuredBy).toEqual({ broker: 'cb01.corp.contoso.com', licensingOwner: 'broker' });
  });

  it('refuses values in a pool whose broker owns them, and a pool rdsctl would converge without them', () => {
    expect(collectProblems(editSpec([KIOSKS, KIOSKS.replace('configuredBy: local', 'configuredBy: { broker: cb01.corp.contoso.com, licensingOwner: broker }')]))).toEqual([
      `${F}:43:20: sessionHostPools[1].licensingMode: licensingMode belongs to RD Connection Broker cb01.corp.contoso.com (licensingOwner: broker); remove it from the pool, or set licensingOwner: rdsctl to have apply set it at the broker`,
      `${F}:44:21: sessionHostPools[1].licenseServers: licenseServers belongs to RD Connection Broker cb01.corp.contoso.com (licensingOwner: broker); remove it from the pool, or set licensingOwner: rdsctl to have apply set it at the broker`,
    ]);
    expect(collectProblems(editSpec([KIOSKS, '    configuredBy: { broker: cb01.corp.contoso.com }']))).toEqual([
      `${F}:39:5: sessionHostPools[1]: pool "kiosks" has no licensingMode: apply sets it at RD Connection Broker cb01.corp.contoso.com`,
      `${F}:39:5: sessionHostPools[1]: pool "kiosks" has no licenseServers: apply sets it at RD Connection Broker cb01.corp.contoso.com`,
    ]);
  });

  it('refuses two pools of one broker that disagree on its one configuration', () => {
    const brokerPool = KIOSKS.replace('configuredBy: local', 'configuredBy: { broker: CB01.corp.contoso.com }');
    const second = `${brokerPool}\n  - name: lab\n    hosts: [lab01.corp.contoso.com]\n    configuredBy: { broker: cb01.corp.contoso.com }\n    licensingMode: perUser\n    licenseServers: [lic02.corp.contoso.com, lic01.corp.contoso.com]`;
    const problems = collectProblems(editSpec([KIOSKS, second]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/sessionHostPools\[2\]\.licensingMode: RD Connection Broker cb01\.corp\.contoso\.com has one licensing mode and licence-server list for its whole deployment, but pools "kiosks" and "lab" declare different ones$/);
    expect(collectProblems(editSpec([KIOSKS, second.replace('licensingMode: perUser', 'licensingMode: perDevice')]))).toEqual([]);
  });

  it('refuses an unknown key in the broker reference', () => {
    const problems = collectProblems(editSpec([KIOSKS, KIOSKS.replace('configuredBy: local', 'configuredBy: { broker: cb01.corp.contoso.com, owner: broker }')]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/sessionHostPools\[1\]\.configuredBy\.owner/);
  });
});
