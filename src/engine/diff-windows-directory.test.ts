import { describe, expect, it } from 'vitest';
import { buildPlan } from './build-plan.js';
import type { DesiredModel } from './desired-model.js';
import type { LiveState } from '../model/live-state.js';
import type { Plan } from '../model/plan.js';
import { LS, desiredModel, hostIn, liveState } from '../../test/fixtures/engine-fixtures.js';

const ls = (state: LiveState) => hostIn(state, LS).licenseServer!;
const ADDRESS = `licenseServer[${LS}].discovery`;
const NAME = LS.split('.')[0]!.toUpperCase();

function plan(mutate: (s: LiveState) => void, options: { provider?: string; credential?: boolean } = {}): Plan {
  const desired: DesiredModel = { ...desiredModel(), hasDirectoryCredential: options.credential ?? false };
  return buildPlan({ desired, live: liveState(mutate), provider: options.provider ?? 'windows' });
}

const GROUP_STEPS =
  `(1) as a member of Domain Admins of ${LS}'s domain (or an account allowed to change the group's members), on a machine with the ActiveDirectory module: Add-ADGroupMember -Identity S-1-5-32-561 -Members (Get-ADComputer ${NAME}) (the group's name is localised; its SID is not); ` +
  `(2) or, on ${LS} itself in a console or RDP session as a domain admin: RD Licensing Manager (licmgr.exe), right-click the server, Review Configuration, Add to Group; ` +
  `(3) check: (Get-ADGroupMember -Identity S-1-5-32-561).Name contains ${NAME}; or set connection.directoryCredential and apply again, which adds it through ADSI and re-reads the group`;

const PUBLISH_STEPS =
  `(1) on ${LS} itself (a console or RDP session, not a remote PowerShell session), as a member of Enterprise Admins, open RD Licensing Manager (licmgr.exe), right-click the server, Review Configuration, and publish it; or run Invoke-CimMethod -Namespace root/cimv2 -ClassName Win32_TSLicenseServer -MethodName PublishLS in an elevated PowerShell there; ` +
  `(2) check there: (Invoke-CimMethod -Namespace root/cimv2 -ClassName Win32_TSLicenseServer -MethodName IsLSPublished).Published is True`;

describe('directory changes on Windows', () => {
  it('refuses publication as a manual step, with the steps, where the lab publishes', () => {
    const windows = plan((s) => void (ls(s).discovery.publishedInAD = false));
    expect(windows.changes).toEqual([
      expect.objectContaining({
        address: ADDRESS,
        attributes: [{ name: 'publishInAD', before: false, after: true }],
        operations: [{ kind: 'setPublishedInAD', published: true }],
        refused: {
          rule: 'manualStep',
          message: 'on Windows publishing it in AD is a manual step: remoting credentials do not reach the domain controller',
          remedy: `do it by hand: ${PUBLISH_STEPS}`,
        },
      }),
    ]);
    const lab = plan((s) => void (ls(s).discovery.publishedInAD = false), { provider: 'lab' });
    expect(lab.changes.map((change) => [change.address, change.refused, change.operations])).toEqual([[ADDRESS, undefined, [{ kind: 'setPublishedInAD', published: true }]]]);
  });

  it('changes the scope and warns that group membership is a manual step without a directory credential', () => {
    const result = plan((s) => {
      ls(s).discovery = { scope: 'workgroup', publishedInAD: true };
    });
    expect(result.changes.map((change) => [change.address, change.attributes, change.operations, change.refused])).toEqual([
      [ADDRESS, [{ name: 'scope', before: 'workgroup', after: 'domain' }], [{ kind: 'setDiscoveryScope', scope: 'domain' }], undefined],
    ]);
    expect(result.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'MANUAL_STEP',
        summary: `${LS}: adding it to Terminal Server License Servers (no connection.directoryCredential) is a manual step on Windows; apply changes the rest`,
        hint: `do it by hand: ${GROUP_STEPS}`,
        address: ADDRESS,
      },
    ]);
  });

  it('plans the scope change alone, with no warning, when a directory credential lets apply add the server', () => {
    const result = plan((s) => void (ls(s).discovery = { scope: 'workgroup', publishedInAD: true }), { credential: true });
    expect(result.changes.map((change) => change.operations)).toEqual([[{ kind: 'setDiscoveryScope', scope: 'domain' }]]);
    expect(result.diagnostics).toEqual([]);
  });

  it('plans membership alone through the directory credential, and refuses it as a manual step without one', () => {
    const withCredential = plan((s) => void (ls(s).discovery.inLicenseServersGroup = false), { credential: true });
    expect(withCredential.changes.map((change) => [change.attributes, change.operations, change.refused])).toEqual([
      [[{ name: 'inLicenseServersGroup', before: false, after: true }], [{ kind: 'setDiscoveryScope', scope: 'domain' }], undefined],
    ]);
    const without = plan((s) => void (ls(s).discovery.inLicenseServersGroup = false));
    expect(without.changes.map((change) => [change.attributes, change.refused?.rule, change.refused?.remedy])).toEqual([
      [[{ name: 'inLicenseServersGroup', before: false, after: true }], 'manualStep', `do it by hand: ${GROUP_STEPS}`],
    ]);
  });

  it('plans nothing for a membership or publication the directory could not report', () => {
    const result = plan((s) => {
      ls(s).discovery = { scope: 'domain', directoryUnknown: 'the directory checks failed from this session' };
    });
    expect(result.changes).toEqual([]);
    expect(result.diagnostics).toEqual([]);
  });
});
