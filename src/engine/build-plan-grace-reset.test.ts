import { describe, expect, it } from 'vitest';
import { buildPlan } from './build-plan.js';
import type { DesiredModel } from './desired-model.js';
import type { Plan } from '../model/plan.js';
import { LOCAL_HOST, desiredModel, liveState } from '../../test/fixtures/engine-fixtures.js';
import { local } from '../../test/fixtures/build-plan-helpers.js';

describe('grace-period reset', () => {
  const expiredReset = (provider: string, allow: boolean): Plan => {
    const base = desiredModel();
    const desired: DesiredModel = {
      ...base,
      policy: { ...base.policy, allow: { ...base.policy.allow, gracePeriodReset: allow } },
      sessionHosts: base.sessionHosts.map((host) => (host.host === LOCAL_HOST ? { ...host, resetGraceWhenExpired: true } : host)),
    };
    const live = liveState((s) => void (local(s).graceDaysLeft = 0));
    return buildPlan({ desired, live, provider });
  };

  it('is a manual step on Windows, with the exact steps, even when the policy allows resets', () => {
    const change = expiredReset('windows', true).changes.find((entry) => entry.address === `sessionHost[${LOCAL_HOST}].gracePeriod`);
    expect(change?.refused).toEqual({
      rule: 'gracePeriodReset',
      message: 'on Windows resetting the grace period is a manual step: its registry key is owned by SYSTEM and denies administrators',
      remedy:
        'reset it by hand: (1) on the session host, as an administrator, open regedit at HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM\\GracePeriod and export the key as a backup; ' +
        '(2) right-click GracePeriod, Permissions, Advanced: change the owner to your account, then give yourself Full Control; ' +
        '(3) delete the value L$RTMTIMEBOMB_1320153D-8DA3-4e8e-B27B-0D888223A588 (only that value; keep the key); ' +
        '(4) set the owner back to NT AUTHORITY\\SYSTEM and remove the Full Control you added; ' +
        '(5) restart the Remote Desktop Services service (Restart-Service TermService -Force), which disconnects every session, or restart the host; ' +
        '(6) check: (Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TerminalServiceSetting | Invoke-CimMethod -MethodName GetGracePeriodDays).DaysLeft shows the days left',
    });
  });

  it('stays behind policy.allow.gracePeriodReset in the lab', () => {
    const address = `sessionHost[${LOCAL_HOST}].gracePeriod`;
    expect(expiredReset('lab', true).changes.find((entry) => entry.address === address)?.refused).toBeUndefined();
    expect(expiredReset('lab', false).changes.find((entry) => entry.address === address)?.refused?.policyKey).toBe('policy.allow.gracePeriodReset');
  });
});
