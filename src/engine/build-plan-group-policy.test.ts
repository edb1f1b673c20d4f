import { describe, expect, it } from 'vitest';
import { buildPlan } from './build-plan.js';
import { GPO, GPO_HOST, LOCAL_HOST, LS, LS2, liveState } from '../../test/fixtures/engine-fixtures.js';
import { plan, summaryOf, local, gpoHost } from '../../test/fixtures/build-plan-helpers.js';

describe('buildPlan with Group Policy', () => {
  it('points at Group Policy instead of planning a local write the policy would refuse', () => {
    const result = plan(liveState((s) => void (local(s).licensingMode = { local: 'perDevice', policy: 'perUser', effective: 'perUser', source: 'policy' })));
    expect(result.changes).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ severity: 'error', code: 'POLICY_OVERRIDES_LOCAL', address: `sessionHost[${LOCAL_HOST}]` }]);
  });

  it('shows GPO-configured hosts as pending refresh when the GPO changes, not as local drift', () => {
    const result = plan(
      liveState((s) => {
        s.gpos[0]!.licenseServers = [LS2];
        gpoHost(s).licenseServers = { local: [], policy: [LS2], effective: [LS2], source: 'policy' };
      }),
    );
    expect(summaryOf(result)).toEqual([`update gpo[${GPO}] licenseServers=["${LS2}"]→["${LS}"]`]);
    expect(result.pending).toEqual([
      { address: `sessionHost[${GPO_HOST}]`, host: GPO_HOST, gpo: GPO, pool: 'finance', attributes: [{ name: 'licenseServers', before: [LS2], after: [LS] }] },
    ]);
    expect(result.summary).toEqual({ create: 0, update: 1, delete: 0, refused: 0, pending: 1, unknown: 0 });
  });

  it('shows a host that has not refreshed a correct GPO as pending', () => {
    const result = plan(liveState((s) => void (gpoHost(s).licenseServers = { local: [], policy: [LS2], effective: [LS2], source: 'policy' })));
    expect(result.changes).toEqual([]);
    expect(result.pending.map((p) => p.host)).toEqual([GPO_HOST]);
  });

  it('warns when a GPO does not reach a host at all', () => {
    const result = plan(
      liveState((s) => {
        gpoHost(s).licensingMode = { local: 'perDevice', policy: null, effective: 'perDevice', source: 'local' };
        gpoHost(s).licenseServers = { local: [], policy: null, effective: [], source: 'local' };
      }),
    );
    expect(result.pending).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ severity: 'warning', code: 'GPO_NOT_APPLIED' }]);
  });

  it('does not show hosts as pending a GPO whose computer settings are disabled, and says why at the GPO', () => {
    const result = plan(
      liveState((s) => {
        s.gpos[0]!.status = 'computerSettingsDisabled';
        gpoHost(s).licenseServers = { local: [], policy: null, effective: [], source: 'local' };
      }),
    );
    expect(result.pending).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'GPO_CANNOT_REACH',
        summary: `GPO "${GPO}" cannot reach its hosts because its computer settings are disabled (GpoStatus ComputerSettingsDisabled): pool "finance" is not configured by it`,
        hint: 'in Group Policy Management: enable its computer settings (GPO Status: Enabled, or User configuration settings disabled); then run gpupdate /force on the hosts',
        address: `gpo[${GPO}]`,
      },
    ]);
  });

  it('keeps pending only the values an overriding GPO leaves to this one', () => {
    const result = plan(
      liveState((s) => {
        s.gpos[0]!.overriddenBy = [{ gpo: 'Baseline', ou: 'OU=RDS,DC=corp,DC=contoso,DC=com', settings: ['licenseServers'], enforced: true }];
        gpoHost(s).licensingMode = { local: 'perDevice', policy: 'perDevice', effective: 'perDevice', source: 'policy' };
        gpoHost(s).licenseServers = { local: [], policy: [LS2], effective: [LS2], source: 'policy' };
      }),
    );
    expect(result.pending).toEqual([
      { address: `sessionHost[${GPO_HOST}]`, host: GPO_HOST, gpo: GPO, pool: 'finance', attributes: [{ name: 'licensingMode', before: 'perDevice', after: 'perUser' }] },
    ]);
    expect(result.diagnostics.map((d) => d.summary)).toEqual([
      `GPO "${GPO}" cannot reach its hosts because GPO "Baseline", enforced, has a higher precedence at OU=RDS,DC=corp,DC=contoso,DC=com and sets licenseServers too: pool "finance" takes licenseServers from another GPO`,
    ]);
  });

  it('names the host a computer-only security filtering leaves out', () => {
    const result = plan(
      liveState((s) => {
        s.gpos[0]!.applyTrustees = [{ name: 'CONTOSO\\RDSH02$', type: 'computer' }];
        gpoHost(s).licenseServers = { local: [], policy: null, effective: [], source: 'local' };
      }),
    );
    expect(result.pending).toEqual([]);
    expect(result.diagnostics).toMatchObject([
      { severity: 'error', code: 'GPO_CANNOT_REACH', summary: `${GPO_HOST}: GPO "${GPO}" cannot reach this host because its security filtering grants Apply to other computers only (CONTOSO\\RDSH02$)` },
    ]);
  });
});
