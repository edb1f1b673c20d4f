import { describe, expect, it } from 'vitest';
import { doctorInput, LIC01, licenseServer, readAsLab, sessionHost } from '../doctor/fixtures/doctor-estate.js';
import { runDoctor } from '../doctor/run-doctor.js';
import { renderDoctorMarkdown } from './render-doctor-markdown.js';
import { renderDoctorText } from './render-doctor-text.js';

const unactivated = () => licenseServer(LIC01, (server) => (server.activation = { status: 'notActivated', contactComplete: true }));

function brokenReport() {
  return runDoctor(doctorInput(readAsLab([unactivated(), sessionHost('rdsh01.corp.contoso.com'), sessionHost('rdsh02.corp.contoso.com')])));
}

describe('renderDoctorText', () => {
  it('lists root causes first, then findings by severity, most severe first', () => {
    expect(renderDoctorText(brokenReport(), { color: false })).toBe(`rdsctl doctor: 1 licence server, 2 session hosts; 1 critical, 1 error, 3 info

Root causes, most severe first:
  1. CRITICAL RDSL-LS-NOT-ACTIVATED: lic01.corp.contoso.com is not activated
     affects 3 hosts: lic01.corp.contoso.com, rdsh[01:02].corp.contoso.com; explains 1 other finding
     fix (manual): activate lic01.corp.contoso.com in RD Licensing Manager (licmgr.exe): right-click the server, Activate Server

CRITICAL (1)
  RDSL-GRACE-EXPIRED  2 session hosts refuse connections: grace period over and no licence server can license them
    hosts: rdsh[01:02].corp.contoso.com
    cause: The 120-day licensing grace period has ended, so every connection needs a CAL, and lic01.corp.contoso.com is not activated; an unactivated licence server issues only temporary per-device licences. Clients see: "The remote session was disconnected because there are no Remote Desktop client access licenses available for this computer."
    evidence:
      rdsh01.corp.contoso.com  GetGracePeriodDays = 0  (wmi)
      rdsh02.corp.contoso.com  GetGracePeriodDays = 0  (wmi)
    fix (manual): fixed with its root cause (RDSL-LS-NOT-ACTIVATED): activate lic01.corp.contoso.com in RD Licensing Manager (licmgr.exe): right-click the server, Activate Server
      - Automatic connection (recommended) needs Internet access from the licence server (TCP 443 to the Microsoft Clearinghouse) and the contact first name, last name, company and country or region.
      - Without Internet access, use the Web Browser method from another computer or activate by telephone: both are manual steps rdsctl cannot automate.
      - Resetting the grace period is an unsupported workaround that breaches the licence terms; rdsctl does it only when the spec sets policy.allow.gracePeriodReset.
      - On a real Windows host the reset is a manual step, as a stopgap only: reset it by hand: (1) on the session host, as an administrator, open regedit at HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM\\GracePeriod and export the key as a backup; (2) right-click GracePeriod, Permissions, Advanced: change the owner to your account, then give yourself Full Control; (3) delete the value L$RTMTIMEBOMB_1320153D-8DA3-4e8e-B27B-0D888223A588 (only that value; keep the key); (4) set the owner back to NT AUTHORITY\\SYSTEM and remove the Full Control you added; (5) restart the Remote Desktop Services service (Restart-Service TermService -Force), which disconnects every session, or restart the host; (6) check: (Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TerminalServiceSetting | Invoke-CimMethod -MethodName GetGracePeriodDays).DaysLeft shows the days left.
    root cause: RDSL-LS-NOT-ACTIVATED:lic01.corp.contoso.com

ERROR (1)
  RDSL-LS-NOT-ACTIVATED  lic01.corp.contoso.com is not activated
    hosts: lic01.corp.contoso.com, rdsh[01:02].corp.contoso.com
    cause: An unactivated licence server issues only temporary per-device licences, however many CALs it holds; per-user hosts get nothing from it. 2 session hosts try it; all of them have no working licence server.
    evidence:
      lic01.corp.contoso.com  GetActivationStatus = not activated (1)  (wmi)
      lic01.corp.contoso.com  activation contact complete = true  (wmi)
    fix (manual): activate lic01.corp.contoso.com in RD Licensing Manager (licmgr.exe): right-click the server, Activate Server
      - Automatic connection (recommended) needs Internet access from the licence server (TCP 443 to the Microsoft Clearinghouse) and the contact first name, last name, company and country or region.
      - Without Internet access, use the Web Browser method from another computer or activate by telephone: both are manual steps rdsctl cannot automate.

INFO (3)
  RDSL-SINGLE-LICENSE-SERVER  2 session host(s) list only lic01.corp.contoso.com: no failover
  RDSL-CAPACITY  lic01.corp.contoso.com: 10 of 50 Windows Server 2022 per-device CALs issued, 40 free
  RDSL-CAPACITY  lic01.corp.contoso.com: 40 of 100 Windows Server 2022 per-user CALs issued, 60 free
`);
  });

  it('says so when there is nothing wrong', () => {
    const report = runDoctor(doctorInput(readAsLab([licenseServer(LIC01), sessionHost('rdsh01.corp.contoso.com', { servers: [LIC01, LIC01] })])));
    expect(renderDoctorText(report, { color: false }).split('\n').slice(0, 3)).toEqual(['rdsctl doctor: 1 licence server, 1 session host; 2 info', '', 'No licensing problems found.']);
  });
});

describe('renderDoctorMarkdown', () => {
  it('renders a root-cause table and each problem with its fix', () => {
    const markdown = renderDoctorMarkdown(brokenReport());
    expect(markdown.split('\n').slice(0, 5)).toEqual([
      '### rdsctl doctor: 1 licence server, 2 session hosts; 1 critical, 1 error, 3 info',
      '',
      '| # | severity | root cause | hosts | fix |',
      '|---|---|---|---|---|',
      '| 1 | critical | `RDSL-LS-NOT-ACTIVATED` lic01.corp.contoso.com is not activated | 3 | manual: activate lic01.corp.contoso.com in RD Licensing Manager (licmgr.exe): right-click the server, Activate Server |',
    ]);
    expect(markdown).toContain('#### error: `RDSL-LS-NOT-ACTIVATED` lic01.corp.contoso.com is not activated');
    expect(markdown).toContain('- `RDSL-CAPACITY` lic01.corp.contoso.com: 40 of 100 Windows Server 2022 per-user CALs issued, 60 free');
  });
});
