import { describe, expect, it } from 'vitest';
import { canonicalHostName } from '../model/host-name.js';
import { resolveHostTarget } from '../providers/windows/resolve-host-target.js';
import { remotePowerShellByHost } from '../providers/windows/remote-powershell-by-host.js';
import { parseSpecText } from './load-spec.js';
import { editSpec } from './fixtures/base-spec.js';
import { collectHints, collectProblems } from './fixtures/collect-problems.js';

const F = 'specs/rds.yaml';
const LAB = 'connection:\n  provider: lab\n  estate: ./estate.yaml\n';
const WINDOWS = 'connection:\n  provider: windows\n  gpoManagementHost: dc01.corp.contoso.com\n';
const KIOSKS = '  - name: kiosks\n';
const LIC02 = '  - host: lic02.corp.contoso.com\n';
const FINANCE = '  - name: finance\n';

describe('checkRemotePowerShell', () => {
  it('accepts a licence server and a pool naming their own PowerShell over the ssh transport', () => {
    expect(collectProblems(editSpec([LAB, WINDOWS], [KIOSKS, `${KIOSKS}    remotePowerShell: pwsh\n`], [LIC02, `${LIC02}    remotePowerShell: c:/progra~1/powershell/7/pwsh.exe\n`]))).toEqual([]);
  });

  it('refuses them where the ssh transport does not read them, each at its own line', () => {
    expect(collectProblems(editSpec([KIOSKS, `${KIOSKS}    remotePowerShell: pwsh\n`]))).toEqual([
      `${F}:40:23: sessionHostPools[1].remotePowerShell: sessionHostPools[1].remotePowerShell is only used by the ssh transport`,
    ]);
    expect(collectProblems(editSpec([LAB, `${WINDOWS}  transport: winrm\n`], [LIC02, `${LIC02}    remotePowerShell: pwsh\n`]))).toEqual([
      `${F}:34:23: licenseServers[1].remotePowerShell: licenseServers[1].remotePowerShell is only used by the ssh transport`,
    ]);
  });

  it('refuses a program name that cmd.exe and PowerShell would run differently, and says what to write', () => {
    const text = editSpec([LAB, `${WINDOWS}  remotePowerShell: "C:\\\\Program Files\\\\PowerShell\\\\7\\\\pwsh.exe"\n`], [FINANCE, `${FINANCE}    remotePowerShell: "pwsh & calc"\n`]);
    expect(collectProblems(text)).toEqual([
      `${F}:6:21: connection.remotePowerShell: connection.remotePowerShell "C:\\\\Program Files\\\\PowerShell\\\\7\\\\pwsh.exe" cannot be run the same way by cmd.exe and PowerShell`,
      `${F}:37:23: sessionHostPools[0].remotePowerShell: sessionHostPools[0].remotePowerShell "pwsh & calc" cannot be run the same way by cmd.exe and PowerShell`,
    ]);
    expect(collectHints(text)).toEqual([
      'use powershell.exe, pwsh, or a path without spaces or quotes (such as c:/progra~1/powershell/7/pwsh.exe)',
      'use powershell.exe, pwsh, or a path without spaces or quotes (such as c:/progra~1/powershell/7/pwsh.exe)',
    ]);
  });
});

describe('remotePowerShellByHost', () => {
  it("gives each host of a pool (ranges expanded) and each licence server its own PowerShell, and every other host the connection's", () => {
    const text = editSpec([LAB, `${WINDOWS}  remotePowerShell: powershell.exe\n`], [FINANCE, `${FINANCE}    remotePowerShell: pwsh\n`], [LIC02, `${LIC02}    remotePowerShell: c:/pwsh7/pwsh.exe\n`]);
    const { spec } = parseSpecText(text, F, '/work/specs');
    const byHost = remotePowerShellByHost(spec);
    expect(byHost.size).toBe(13);
    const target = (host: string) => resolveHostTarget({ connection: spec.connection, specDirectory: '/work/specs', host, remotePowerShellByHost: byHost }).remotePowerShell;
    expect(target('RDSH07.corp.contoso.com')).toBe('pwsh');
    expect(target('lic02.corp.contoso.com')).toBe('c:/pwsh7/pwsh.exe');
    expect(target('kiosk01.corp.contoso.com')).toBe('powershell.exe');
    expect(target('lic01.corp.contoso.com')).toBe('powershell.exe');
    expect(byHost.get(canonicalHostName('rdsh12.corp.contoso.com'))).toBe('pwsh');
    expect(resolveHostTarget({ connection: { ...spec.connection, transport: 'psrp-ssh' }, specDirectory: '/work/specs', host: 'rdsh01.corp.contoso.com', remotePowerShellByHost: byHost }).remotePowerShell).toBeUndefined();
  });
});
