/**
 * Directory changes rdsctl leaves to a person on Windows, with the exact steps.
 *
 * - Publication (`PublishLS` / `UnpublishLS`): a local WMI call that writes Active Directory as
 *   the caller. Remoting credentials do not reach the domain controller, WMI refuses explicit
 *   credentials on a local call (WBEM_E_LOCAL_CREDENTIALS), and no Microsoft page names the
 *   object it writes, so rdsctl cannot verify it either (docs/windows.md, "Directory changes").
 * - Membership of Terminal Server License Servers (S-1-5-32-561) without
 *   `connection.directoryCredential`: with one, rdsctl adds the computer through ADSI itself.
 */
export const LICENSE_SERVERS_GROUP_SID = 'S-1-5-32-561';

function computerName(host: string): string {
  return host.split('.')[0]!.toUpperCase();
}

export function publicationSteps(host: string, publish: boolean): string[] {
  const method = publish ? 'PublishLS' : 'UnpublishLS';
  return [
    `on ${host} itself (a console or RDP session, not a remote PowerShell session), as a member of Enterprise Admins, open RD Licensing Manager (licmgr.exe), right-click the server, Review Configuration, and ${publish ? 'publish it' : 'withdraw its publication'}; or run Invoke-CimMethod -Namespace root/cimv2 -ClassName Win32_TSLicenseServer -MethodName ${method} in an elevated PowerShell there`,
    `check there: (Invoke-CimMethod -Namespace root/cimv2 -ClassName Win32_TSLicenseServer -MethodName IsLSPublished).Published is ${publish ? 'True' : 'False'}`,
  ];
}

export function licenseServersGroupSteps(host: string): string[] {
  const name = computerName(host);
  return [
    `as a member of Domain Admins of ${host}'s domain (or an account allowed to change the group's members), on a machine with the ActiveDirectory module: Add-ADGroupMember -Identity ${LICENSE_SERVERS_GROUP_SID} -Members (Get-ADComputer ${name}) (the group's name is localised; its SID is not)`,
    `or, on ${host} itself in a console or RDP session as a domain admin: RD Licensing Manager (licmgr.exe), right-click the server, Review Configuration, Add to Group`,
    `check: (Get-ADGroupMember -Identity ${LICENSE_SERVERS_GROUP_SID}).Name contains ${name}; or set connection.directoryCredential and apply again, which adds it through ADSI and re-reads the group`,
  ];
}

/** Steps as one line, numbered, for a plan's refusal remedy or a diagnostic hint. */
export function numberSteps(steps: readonly string[]): string {
  return steps.map((step, index) => `(${index + 1}) ${step}`).join('; ');
}
