import { describe, expect, it } from 'vitest';
import { buildPlan } from './build-plan.js';
import type { DesiredModel } from './desired-model.js';
import type { LiveState } from '../model/live-state.js';
import { DEFAULT_POLICY } from './resolve-policy.js';
import { GPO, GPO_HOST, LOCAL_HOST, LS, LS2, desiredModel, hostIn, liveState } from '../../test/fixtures/engine-fixtures.js';
import { plan, summaryOf, ls, local, gpoHost } from '../../test/fixtures/build-plan-helpers.js';

describe('buildPlan', () => {
  it('plans nothing when the estate matches the spec, ignoring built-in packs', () => {
    const result = plan(liveState());
    expect(result.changes).toEqual([]);
    expect(result.hasChanges).toBe(false);
    expect(result.pending).toEqual([]);
    expect(result.diagnostics).toEqual([]);
  });

  const cases: { name: string; mutate: (s: LiveState) => void; desired?: DesiredModel; expected: string[] }[] = [
    {
      name: 'disabled firewall group',
      mutate: (s) => void (ls(s).firewall.ruleGroup = 'disabled'),
      expected: [`update licenseServer[${LS}].firewall ruleGroup="disabled"→"enabled"`],
    },
    {
      name: 'rules enabled locally but blocked by a GPO that deploys them: planned from the effective state, refused',
      mutate: (s) => {
        ls(s).firewall = {
          ruleGroup: 'enabled',
          rules: [{ name: 'TermServLicensing-RPCSS-In-TCP', enabled: true, effectiveEnabled: false, owner: 'groupPolicy', policyStore: 'corp.contoso.com\\RDS Firewall' }],
          effectiveRuleGroup: 'disabled',
        };
      },
      expected: [`update licenseServer[${LS}].firewall ruleGroup="disabled"→"enabled" REFUSED(groupPolicyFirewall)`],
    },
    {
      name: 'rules disabled locally but enabled by a GPO: nothing to change',
      mutate: (s) => {
        ls(s).firewall = {
          ruleGroup: 'disabled',
          rules: [{ name: 'TermServLicensing-RPCSS-In-TCP', enabled: false, effectiveEnabled: true, owner: 'groupPolicy', policyStore: 'corp.contoso.com\\RDS Firewall' }],
          effectiveRuleGroup: 'enabled',
        };
      },
      expected: [],
    },
    {
      name: 'partly enabled firewall group',
      mutate: (s) => void (ls(s).firewall.ruleGroup = 'partial'),
      expected: [`update licenseServer[${LS}].firewall ruleGroup="partial"→"enabled"`],
    },
    {
      name: 'stopped service, unactivated server and a missing pack, in dependency order',
      mutate: (s) => {
        ls(s).service.state = 'stopped';
        ls(s).activation.status = 'notActivated';
        ls(s).keyPacks = ls(s).keyPacks.filter((p) => p.type !== 'perDevice');
      },
      expected: [
        `update licenseServer[${LS}].service state="stopped"→"running"`,
        `update licenseServer[${LS}].activation status="notActivated"→"activated"`,
        `create licenseServer[${LS}].keyPack[ea-device] licenses=null→20 product=null→"windowsServer2022" type=null→"perDevice" program=null→"enterpriseAgreement"`,
      ],
    },
    {
      name: 'a pack short of its quantity',
      mutate: (s) => void (ls(s).keyPacks[1]!.total = 60),
      expected: [`update licenseServer[${LS}].keyPack[ea-user] licenses=60→100`],
    },
    {
      name: 'licences the spec does not declare are a refused removal',
      mutate: (s) =>
        void ls(s).keyPacks.push({ keyPackId: 9, productVersionId: 6, product: 'windowsServer2019', type: 'perUser', channel: 'retail', total: 5, issued: 0, available: 5 }),
      expected: [`delete licenseServer[${LS}].keyPack[~windowsServer2019-perUser-retail] licenses=5→null REFUSED(keyPackRemoval)`],
    },
    {
      name: 'more licences than declared in a group is a refused reduction',
      mutate: (s) => void (ls(s).keyPacks[1]!.total = 150),
      expected: [`update licenseServer[${LS}].keyPack[ea-user] licenses=150→100 REFUSED(keyPackRemoval)`],
    },
    {
      name: 'discovery scope and AD publication',
      mutate: (s) => {
        ls(s).discovery.scope = 'workgroup';
        ls(s).discovery.publishedInAD = false;
      },
      expected: [`update licenseServer[${LS}].discovery scope="workgroup"→"domain" publishInAD=false→true`],
    },
    {
      name: 'a host listing a decommissioned server',
      mutate: (s) => void (local(s).licenseServers = { local: ['lic-old.corp.contoso.com', LS], policy: null, effective: ['lic-old.corp.contoso.com', LS], source: 'local' }),
      expected: [`update sessionHost[${LOCAL_HOST}] licenseServers=["lic-old.corp.contoso.com","${LS}"]→["${LS}","${LS2}"]`],
    },
    {
      name: 'the same servers in another order (the failover order matters)',
      mutate: (s) => void (local(s).licenseServers = { local: [LS2, LS], policy: null, effective: [LS2, LS], source: 'local' }),
      expected: [`update sessionHost[${LOCAL_HOST}] licenseServers=["${LS2}","${LS}"]→["${LS}","${LS2}"]`],
    },
    {
      name: 'a host in the wrong mode without sessions',
      mutate: (s) => void (local(s).licensingMode = { local: 'perUser', policy: null, effective: 'perUser', source: 'local' }),
      expected: [`update sessionHost[${LOCAL_HOST}] licensingMode="perUser"→"perDevice"`],
    },
    {
      name: 'a mode change on a host with active sessions is refused',
      mutate: (s) => {
        local(s).licensingMode = { local: 'notConfigured', policy: null, effective: 'notConfigured', source: 'local' };
        local(s).activeSessions = 2;
      },
      expected: [`update sessionHost[${LOCAL_HOST}] licensingMode="notConfigured"→"perDevice" REFUSED(modeChangeWithActiveSessions)`],
    },
    {
      name: 'a GPO whose server list drifted',
      mutate: (s) => void (s.gpos[0]!.licenseServers = ['lic-old.corp.contoso.com']),
      expected: [`update gpo[${GPO}] licenseServers=["lic-old.corp.contoso.com"]→["${LS}"]`],
    },
    {
      name: 'a GPO mode change reaching hosts with sessions is refused',
      mutate: (s) => {
        s.gpos[0]!.licensingMode = 'perDevice';
        gpoHost(s).licensingMode = { local: 'notConfigured', policy: 'perDevice', effective: 'perDevice', source: 'policy' };
      },
      expected: [`update gpo[${GPO}] licensingMode="perDevice"→"perUser" REFUSED(modeChangeWithActiveSessions)`],
    },
    {
      name: 'a missing GPO is created and linked',
      mutate: (s) => void (s.gpos[0] = { name: GPO, domain: 'corp.contoso.com', exists: false, links: [], licensingMode: null, licenseServers: null }),
      expected: [
        `create gpo[${GPO}] licensingMode=null→"perUser" licenseServers=null→["${LS}"]`,
        `create gpo[${GPO}].link[OU=Finance,DC=corp,DC=contoso,DC=com] ou=null→"OU=Finance,DC=corp,DC=contoso,DC=com"`,
      ],
    },
  ];

  it.each(cases)('$name', ({ mutate, desired, expected }) => {
    expect(summaryOf(plan(liveState(mutate), desired))).toEqual(expected);
  });

  it('orders install changes after activation and makes them depend on it', () => {
    const result = plan(
      liveState((s) => {
        ls(s).activation.status = 'notActivated';
        ls(s).firewall.ruleGroup = 'disabled';
        ls(s).keyPacks[1]!.total = 60;
      }),
    );
    const install = result.changes.find((c) => c.resource === 'licenseServer.keyPack')!;
    const activation = result.changes.find((c) => c.resource === 'licenseServer.activation')!;
    expect(activation.dependsOn).toEqual([`licenseServer[${LS}].firewall`]);
    expect(install.dependsOn).toEqual([`licenseServer[${LS}].activation`]);
    expect(install.operations).toEqual([
      {
        kind: 'installLicenses',
        group: { product: 'windowsServer2022', type: 'perUser', channel: 'volume' },
        program: 'enterpriseAgreement',
        targetTotal: 100,
        plannedDelta: 40,
        secrets: { agreementNumber: { env: 'EA' }, licenseNumber: undefined, authorizationNumber: undefined, retailKey: undefined },
      },
    ]);
  });

  it('chains installs into one group so each pack installs with its own secret', () => {
    const base = desiredModel();
    const server = base.licenseServers[0]!;
    const desired = desiredModel({
      licenseServers: [{ ...server, keyPacks: [...server.keyPacks, { name: 'ea-user-2', program: 'select', agreementNumber: { env: 'SEL' }, product: 'windowsServer2022', type: 'perUser', quantity: 30 }] }],
    });
    const result = plan(liveState((s) => void (ls(s).keyPacks[1]!.total = 90)), desired);
    expect(summaryOf(result)).toEqual([
      `update licenseServer[${LS}].keyPack[ea-user] licenses=90→100`,
      `create licenseServer[${LS}].keyPack[ea-user-2] licenses=null→30 product=null→"windowsServer2022" type=null→"perUser" program=null→"select"`,
    ]);
    expect(result.changes[1]!.dependsOn).toEqual([`licenseServer[${LS}].keyPack[ea-user]`]);
    expect(result.changes[1]!.operations[0]).toMatchObject({ targetTotal: 130, plannedDelta: 30 });
  });

  it('allows guarded changes when the policy says so', () => {
    const desired = desiredModel({ policy: { ...DEFAULT_POLICY, allow: { ...DEFAULT_POLICY.allow, keyPackRemoval: true, modeChangeWithActiveSessions: true } } });
    const result = plan(
      liveState((s) => {
        s.gpos[0]!.licensingMode = 'perDevice';
        gpoHost(s).licensingMode = { local: 'notConfigured', policy: 'perDevice', effective: 'perDevice', source: 'policy' };
        ls(s).keyPacks[1]!.total = 150;
      }),
      desired,
    );
    expect(result.changes.map((c) => [c.address, c.refused])).toEqual([
      [`gpo[${GPO}]`, undefined],
      [`licenseServer[${LS}].keyPack[ea-user]`, undefined],
    ]);
  });

  it('treats a short name, another case or an address of the same server as equal, and says so', () => {
    const result = plan(
      liveState((s) => {
        hostIn(s, LS).addresses = ['10.0.0.11'];
        local(s).licenseServers = { local: ['LIC01', '10.0.0.12'], policy: null, effective: ['LIC01', '10.0.0.12'], source: 'local' };
      }),
    );
    // 10.0.0.12 is not known as lic02's address (lic02 is external, not read), so that one is drift.
    expect(summaryOf(result)).toEqual([`update sessionHost[${LOCAL_HOST}] licenseServers=["LIC01","10.0.0.12"]→["${LS}","${LS2}"]`]);

    const equivalent = plan(
      liveState((s) => void (local(s).licenseServers = { local: ['LIC01', LS2.toUpperCase()], policy: null, effective: ['LIC01', LS2.toUpperCase()], source: 'local' })),
    );
    expect(equivalent.changes).toEqual([]);
    expect(equivalent.diagnostics.map((d) => d.summary)).toEqual([
      `${LOCAL_HOST}: licence server "LIC01" is the short name of ${LS}; not rewritten`,
      `${LOCAL_HOST}: licence server "${LS2.toUpperCase()}" differs only in case of ${LS2}; not rewritten`,
    ]);
  });

  it('plans nothing for an unreadable host and lists it as unknown', () => {
    const result = plan(
      liveState((s) => {
        s.hosts = s.hosts.filter((h) => h.host !== LS);
        s.errors.push({ host: LS, code: 'HOST_UNREACHABLE', message: `${LS}: host did not answer` });
        local(s).licenseServers = { local: [LS2], policy: null, effective: [LS2], source: 'local' };
      }),
    );
    expect(result.unknownHosts).toEqual([LS]);
    expect(summaryOf(result)).toEqual([`update sessionHost[${LOCAL_HOST}] licenseServers=["${LS2}"]→["${LS}","${LS2}"]`]);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', code: 'HOST_UNREACHABLE', summary: `${LS}: host did not answer` });
  });

  it('limits the plan to --target addresses and what they depend on', () => {
    const live = liveState((s) => {
      ls(s).activation.status = 'notActivated';
      ls(s).keyPacks[1]!.total = 60;
      ls(s).firewall.ruleGroup = 'disabled';
      local(s).licensingMode = { local: 'perUser', policy: null, effective: 'perUser', source: 'local' };
    });
    const result = plan(live, desiredModel(), [`licenseServer[${LS.toUpperCase()}].keyPack[ea-user]`]);
    expect(result.changes.map((c) => c.address)).toEqual([
      `licenseServer[${LS}].firewall`,
      `licenseServer[${LS}].activation`,
      `licenseServer[${LS}].keyPack[ea-user]`,
    ]);
  });

  it('reports unknown product version ids instead of dropping them', () => {
    const result = plan(
      liveState((s) => void ls(s).keyPacks.push({ keyPackId: 12, productVersionId: 8, type: 'perUser', channel: 'volume', total: 10, issued: 0, available: 10 })),
    );
    expect(result.changes).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ code: 'KEYPACK_UNKNOWN_PRODUCT', summary: `${LS}: 1 key pack(s) with unknown product version id 8 are not counted` }]);
  });

  it('refuses to enable firewall rules locally where Group Policy ignores local rules, naming the manual step', () => {
    const result = plan(
      liveState((s) => {
        ls(s).firewall = {
          ruleGroup: 'enabled',
          rules: [{ name: 'TermServLicensing-RPCSS-In-TCP', enabled: true, effectiveEnabled: false }],
          effectiveRuleGroup: 'disabled',
          activeProfiles: ['domain'],
          localRulesIgnoredIn: ['domain'],
        };
      }),
    );
    expect(result.changes[0]!.refused).toEqual({
      rule: 'groupPolicyFirewall',
      message: 'a local change cannot take effect: Group Policy turns local firewall rules off in the domain profile',
      remedy: `enable the RD Licensing rules (TermServLicensing-*) in the GPO that sets the firewall profile, or set "Apply local firewall rules" to Yes in its firewall profile settings, then run gpupdate /force on ${LS}`,
    });
    expect(result.changes[0]!.operations).toEqual([{ kind: 'setFirewallRuleGroup', enabled: true }]);
  });

  it('refuses every install on a server whose install ledger holds an unexplained install, and says why', () => {
    const result = plan(
      liveState((s) => {
        ls(s).keyPacks[1]!.total = 60;
        ls(s).installLedger = {
          unexplained: [{ id: 'a1', at: '2026-11-30T10:00:00Z', reason: 'asked for ProductVersionID 7 perUser volume; Windows filed 40 as ProductVersionID 8 perUser volume (key pack 4)' }],
        };
      }),
    );
    expect(summaryOf(result)).toEqual([`update licenseServer[${LS}].keyPack[ea-user] licenses=60→100 REFUSED(unexplainedInstall)`]);
    expect(result.changes[0]!.refused).toEqual({
      rule: 'unexplainedInstall',
      message: `1 earlier install(s) on ${LS} did not show up as asked, so installing again could add licences twice`,
      remedy: 'check the key packs in RD Licensing Manager, then acknowledge the install in the ledger (docs/windows.md, "Install ledger")',
    });
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'KEYPACK_INSTALL_UNEXPLAINED',
        summary: `${LS}: install a1 at 2026-11-30T10:00:00Z is unexplained: asked for ProductVersionID 7 perUser volume; Windows filed 40 as ProductVersionID 8 perUser volume (key pack 4)`,
        hint: 'rdsctl installs no licences on this server until a person checks the key packs in RD Licensing Manager and acknowledges the install (docs/windows.md, "Install ledger")',
      },
    ]);
  });

  it('flags session hosts whose OS is newer than every CAL their servers hold', () => {
    const result = plan(liveState((s) => void (hostIn(s, GPO_HOST).os = 'windowsServer2025')));
    expect(result.diagnostics).toMatchObject([{ code: 'CAL_VERSION_TOO_OLD', severity: 'error', summary: '1 host(s) in pool "finance" run Windows Server 2025, but their licence servers have no CALs of that version or newer' }]);
    // The kiosk pool also lists an external server whose CALs rdsctl cannot see: no verdict there.
    const kiosk = plan(liveState((s) => void (hostIn(s, LOCAL_HOST).os = 'windowsServer2025')));
    expect(kiosk.diagnostics).toEqual([]);
  });

  it('fingerprints the live values of every host with a change', () => {
    const result = plan(liveState((s) => void (ls(s).firewall.ruleGroup = 'disabled')));
    expect(Object.keys(result.fingerprints)).toEqual([LS]);
    expect(result.fingerprints[LS]).toMatch(/^[0-9a-f]{16}$/);
  });
});
