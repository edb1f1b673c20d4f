# Windows facts that public documentation could not confirm (windows-reference.md section 9) and that
# sit on an apply path or shape what a read reports. Each lives behind exactly one function so it
# can be corrected in one place once checked on a real Windows Server 2022 host.
#
# Get-RdsUnverifiedFacts lists every one of them: `rdsctl windows check` (conformance-check.ps1)
# probes each on the user's own hosts, read-only, and names it by its function.

function Get-RdsUnverifiedFacts {
    # appliesTo: 'apply' when an apply path relies on the fact (a failed probe exits 4), 'read'
    # when it only shapes what a read or doctor reports.
    @(
        [ordered]@{ fact = 'Get-RdsInstallProductVersion'; appliesTo = 'apply'; summary = 'Windows files an install under the ProductVersionID and channel asked (ProductVersion 7 for Windows Server 2022)' }
        [ordered]@{ fact = 'Get-RdsUndocumentedProductVersionIds'; appliesTo = 'apply'; summary = 'key packs of ProductVersionID 8 hold Windows Server 2025 CALs' }
        [ordered]@{ fact = 'Set-RdsActivationContact'; appliesTo = 'apply'; summary = 'Win32_TSLicenseServer carries the activation contact properties rdsctl sets with Set-CimInstance' }
        [ordered]@{ fact = 'Get-RdsLicensingFirewallRuleNamePattern'; appliesTo = 'apply'; summary = 'the RD Licensing firewall rules are named TermServLicensing-* and form one rule group' }
        [ordered]@{ fact = 'Read-RdsActiveFirewallPolicy'; appliesTo = 'apply'; summary = 'in the ActiveStore a GPO-deployed rule has PolicyStoreSourceType GroupPolicy and its GPO store in PolicyStoreSource, profiles show AllowLocalFirewallRules as True, False or NotConfigured, and Get-NetFirewallSetting names the active profiles in ActiveProfile' }
        [ordered]@{ fact = 'Read-RdsGpoApplyTrustees'; appliesTo = 'read'; summary = 'Get-GPPermission -All returns each trustee with Permission GpoApply for security filtering, Denied for a deny entry, and Trustee.SidType named User, Computer, Group, Alias or WellKnownGroup' }
        [ordered]@{ fact = 'Get-RdsGpoRegistryValue'; appliesTo = 'apply'; summary = 'Get-GPRegistryValue throws ObjectNotFound for an unset value, and a missing GPO is GpoWithNameNotFound' }
        [ordered]@{ fact = 'Get-RdsClassicSessionHostEventSources'; appliesTo = 'read'; summary = 'events 1128-1131 in the System log come from the source TermService' }
        [ordered]@{ fact = 'Test-RdsEndpointServerMember'; appliesTo = 'read'; summary = 'IsTSinTSCGroup answers for the RDS Endpoint Servers group' }
        [ordered]@{ fact = 'Get-RdsCimExceptionCode'; appliesTo = 'read'; summary = 'CIM cmdlets throw CimException, with the WMI code in ErrorData.error_Code or a NativeErrorCode of the same meaning' }
        [ordered]@{ fact = 'Test-RdsRevokeQuotaSpent'; appliesTo = 'apply'; summary = 'Revoke refuses a spent quota with a nonzero ReturnValue and NextRevokeAllowedOn set, and a revoked CAL counts against the 20% until its original expiry' }
        [ordered]@{ fact = 'Get-RdsComputerAccountState'; appliesTo = 'apply'; summary = 'the WMI directory provider serves computer accounts as ds_computer in root\directory\LDAP, with DS_sAMAccountName and DS_userAccountControl' }
        [ordered]@{ fact = 'Get-RdsSshDefaultShell'; appliesTo = 'read'; summary = 'Win32-OpenSSH runs a command through cmd.exe unless HKLM\SOFTWARE\OpenSSH\DefaultShell names another shell' }
        [ordered]@{ fact = 'Get-RdsSshCmdArguments'; appliesTo = 'apply'; summary = 'cmd.exe, started by Win32-OpenSSH as "cmd.exe" /c "<line>", runs the bootstrap line as sent: it strips only the quotes sshd put around it' }
        [ordered]@{ fact = 'Get-RdsSshStreamEncoding'; appliesTo = 'apply'; summary = 'Windows PowerShell 5.1 under cmd.exe reads stdin as raw UTF-8 through [Console]::OpenStandardInput(), and its stdout comes back neither re-encoded nor wrapped' }
        [ordered]@{ fact = 'Get-RdsSshStdinEndsOnDisconnect'; appliesTo = 'apply'; summary = 'the stdin pipe of a cmd.exe-started powershell.exe reaches EOF when the connection drops, which ends the bootstrap''s watcher' }
        [ordered]@{ fact = 'Get-RdsShippedOpenSshVersion'; appliesTo = 'read'; summary = 'Windows Server 2022 and 2025 ship OpenSSH 8.1, which negotiates curve25519-sha256 with a 9.x client' }
        [ordered]@{ fact = 'Move-RdsFileOver'; appliesTo = 'apply'; summary = 'File.Replace swaps the apply lock file in one step, also while other runners have it open for reading' }
        [ordered]@{ fact = 'Get-RdsPublicationObjectPath'; appliesTo = 'read'; summary = 'a published licence server is listed in siteServer of CN=TS-Enterprise-License-Server,CN=<site>,CN=Sites in the configuration partition' }
        [ordered]@{ fact = 'Get-RdsDeploymentLicensingMode'; appliesTo = 'read'; summary = 'Get-RDLicenseConfiguration reports Mode as PerUser, PerDevice or NotConfigured' }
        [ordered]@{ fact = 'Get-RdsSessionHostBroker'; appliesTo = 'read'; summary = 'a session host of an RD Connection Broker deployment reports its broker in Win32_TSSessionDirectory (SessionDirectoryActive 1, SessionDirectoryLocation)' }
        [ordered]@{ fact = 'Set-RdsDeploymentLicensing'; appliesTo = 'apply'; summary = 'Set-RDLicenseConfiguration -LicenseServer replaces the whole list, and the broker pushes mode and list to its session hosts'' local layer' }
    )
}

function Get-RdsInstallProductVersion {
    # UNVERIFIED (reference section 2.8): the Install*KeyPack pages stop at 6 (Windows Server 2019).
    # 7 for Windows Server 2022 matches the ProductVersionID table but is not documented for
    # installs; no value for Windows Server 2025 is documented anywhere, so it is refused.
    # Documented: 2 stands for "Windows Server 2008/Windows Server 2008 R2" alike, while Windows
    # reports the two as ProductVersionID 2 and 3; asked with 2, Windows may file either, so an
    # install of either cannot be attributed and is refused too.
    param([string]$Product)
    if ($Product -eq 'windowsServer2008' -or $Product -eq 'windowsServer2008R2') {
        Stop-RdsStep (New-RdsFailure -Step 'install-licenses' -Code 'UNSUPPORTED' -Message ('the install methods take one ProductVersion (2) for Windows Server 2008 and 2008 R2 alike, so rdsctl cannot ask for {0} licences; install them with RD Licensing Manager' -f $Product))
    }
    $codes = @{ windowsServer2012 = 4; windowsServer2016 = 5; windowsServer2019 = 6; windowsServer2022 = 7 }
    if (-not $codes.ContainsKey($Product)) {
        Stop-RdsStep (New-RdsFailure -Step 'install-licenses' -Code 'UNSUPPORTED' -Message ("no documented install product version for {0}; install these licences with RD Licensing Manager" -f $Product))
    }
    [uint32]$codes[$Product]
}

function Get-RdsUndocumentedProductVersionIds {
    # UNVERIFIED (reference section 2.8): the ProductVersionID table stops at 7 (Windows Server
    # 2022). 8 for Windows Server 2025 follows the sequence, but no document lists it.
    @{ 8 = 'windowsServer2025' }
}

function Set-RdsActivationContact {
    # UNVERIFIED (reference section 2.3): the contact properties of Win32_TSLicenseServer are documented
    # read/write, but whether the provider accepts Set-CimInstance is not confirmed. CountryRegion
    # arrives as the CLDR English country name; that the activation wizard's list spells every
    # country the same way is not confirmed either (docs/windows.md, Activation contact country).
    param($LicenseServer, $Contact)
    $properties = @{
        FirstName = [string]$Contact.firstName; LastName = [string]$Contact.lastName
        Company = [string]$Contact.company; CountryRegion = [string]$Contact.countryRegion
    }
    if ($Contact.email) { $properties.eMail = [string]$Contact.email }
    Set-CimInstance -InputObject $LicenseServer -Property $properties | Out-Null
}

function Get-RdsLicensingFirewallRuleNamePattern {
    # UNVERIFIED (reference section 3.2): the rule names come from public configuration code, not from a
    # live Windows Server 2022 host. Rules are matched by their stable Name, never by the
    # localised display group.
    'TermServLicensing-*'
}

function Read-RdsActiveFirewallPolicy {
    # UNVERIFIED (docs/windows.md, "Firewall policy stores"): documented are the ActiveStore (every
    # store in effect), GPO stores named DOMAIN\GPO, the PolicyStoreSource / PolicyStoreSourceType
    # parameters, and AllowLocalPolicyMerge (MS-GPFAS 2.2.3.13). Not documented: the value names
    # GroupPolicy / True / False / NotConfigured as the cmdlets print them, and ActiveProfile as a
    # comma-separated list of profile names.
    $setting = Get-NetFirewallSetting -PolicyStore ActiveStore -ErrorAction Stop
    $active = @(([string]$setting.ActiveProfile).Split(',') | ForEach-Object { $_.Trim().ToLowerInvariant() } | Where-Object { @('domain', 'private', 'public') -contains $_ })
    $off = @(Get-NetFirewallProfile -PolicyStore ActiveStore -ErrorAction Stop | Where-Object { [string]$_.AllowLocalFirewallRules -eq 'False' } | ForEach-Object { ([string]$_.Name).ToLowerInvariant() })
    $owned = @(Get-NetFirewallRule -Name (Get-RdsLicensingFirewallRuleNamePattern) -PolicyStore ActiveStore -ErrorAction SilentlyContinue |
            Where-Object { [string]$_.PolicyStoreSourceType -eq 'GroupPolicy' } |
            ForEach-Object { [ordered]@{ name = [string]$_.Name; enabled = (Test-RdsRuleEnabled $_); store = [string]$_.PolicyStoreSource } })
    [ordered]@{ activeProfiles = $active; localRulesIgnoredIn = @($active | Where-Object { $off -contains $_ }); groupPolicyRules = $owned }
}

function Read-RdsGpoApplyTrustees {
    # UNVERIFIED (docs/windows.md, "Group Policy that does not apply"): Get-GPPermission and the
    # GPTrustee properties (Name, Domain, Sid, SidType) are documented; the printed names of
    # Permission (GpoApply) and SidType, and Denied marking a deny entry, are not.
    param([string]$Name, [string]$Domain)
    @(Get-GPPermission -Name $Name -DomainName $Domain -All -ErrorAction Stop |
        Where-Object { [string]$_.Permission -eq 'GpoApply' -and -not $_.Denied } |
        ForEach-Object {
            $type = switch ([string]$_.Trustee.SidType) {
                'User' { 'user' }
                'Computer' { 'computer' }
                { @('Group', 'Alias', 'WellKnownGroup') -contains $_ } { 'group' }
                default { 'unknown' }
            }
            $trustee = [ordered]@{ name = [string]$_.Trustee.Name; type = $type }
            if ($_.Trustee.Sid) { $trustee.sid = [string]$_.Trustee.Sid }
            $trustee
        })
}

function Get-RdsGpoRegistryValue {
    # UNVERIFIED (reference section 4.2): Get-GPRegistryValue is believed to throw, rather than return
    # nothing, for a value the GPO does not configure, with the error category ObjectNotFound. Both
    # are read as "not set"; a value whose PolicyState is Delete is not set either. The message is
    # localised and never matched; a missing GPO (GpoWithNameNotFound) is not "not set".
    param([string]$Gpo, [string]$Domain, [string]$Key, [string]$ValueName)
    try {
        $setting = Get-GPRegistryValue -Name $Gpo -Domain $Domain -Key $Key -ValueName $ValueName -ErrorAction Stop
    }
    catch {
        $notFound = [string]$_.CategoryInfo.Category -eq 'ObjectNotFound'
        if ($notFound -and -not (Test-RdsGpoNotFound $_)) { return $null }
        throw
    }
    $setting = @($setting) | Where-Object { $_.ValueName -eq $ValueName } | Select-Object -First 1
    if (-not $setting -or [string]$setting.PolicyState -eq 'Delete') { return $null }
    $setting.Value
}

function Get-RdsClassicSessionHostEventSources {
    # UNVERIFIED (reference sections 6.1 and 9.7): that 1128-1131 appear in the System log of Windows
    # Server 2022, and under which source name. Besides the Remote Connection Manager provider,
    # records of the classic TermService source are taken as the session host's licensing events.
    @('TermService')
}

function Test-RdsEndpointServerMember {
    # UNVERIFIED (reference section 2.7): IsTSinTSCGroup is documented against the older "Terminal
    # Server Computers" group; that it answers for "RDS Endpoint Servers" on Windows Server 2012 and
    # later, and which form of the session host's name it takes, are not confirmed. The name is
    # asked as rdsctl knows it (usually the FQDN), then as its first label (the computer name).
    param([string]$Name)
    $step = 'read-endpoint-servers'
    $asked = Invoke-RdsLicenseServerMethod -Method IsTSinTSCGroup -Arguments @{ tsname = $Name } -Step $step
    if ([bool]$asked.IsMember) { return $true }
    $computer = $Name.Split('.')[0]
    if ((Test-RdsAddressText $Name) -or $computer -eq $Name) { return $false }
    [bool](Invoke-RdsLicenseServerMethod -Method IsTSinTSCGroup -Arguments @{ tsname = $computer } -Step $step).IsMember
}

function Get-RdsCimExceptionCode {
    # UNVERIFIED: CIM cmdlets throw CimException, whose HResult is a generic .NET one. The WMI
    # 0x8004xxxx code is believed to sit in ErrorData (an MSFT_WmiError-like instance) as
    # error_Code; without it, NativeErrorCode (the MI result) is mapped to the WBEM code of the
    # same meaning. Neither the property name nor the mapping is documented as such.
    param($Exception)
    $data = $Exception.ErrorData
    if ($data -and $data.CimInstanceProperties -and $data.CimInstanceProperties['error_Code']) {
        $value = $data.CimInstanceProperties['error_Code'].Value
        if ($null -ne $value) { return Format-RdsWindowsCode ([uint32]([int64]$value -band 0xFFFFFFFFL)) }
    }
    $codes = @{
        Failed = '0x80041001'; AccessDenied = '0x80041003'; InvalidNamespace = '0x8004100E'
        InvalidParameter = '0x80041008'; InvalidClass = '0x80041010'; NotFound = '0x80041002'
        NotSupported = '0x8004100C'; MethodNotAvailable = '0x80041055'
    }
    $name = [string]$Exception.NativeErrorCode
    if ($codes.ContainsKey($name)) { return $codes[$name] }
    $null
}

function Test-RdsRevokeQuotaSpent {
    # UNVERIFIED (reference section 2.9): the Revoke page says NextRevokeAllowedOn is valid only when
    # the call failed because the maximum revoke count was reached, but names no ReturnValue for it;
    # a nonzero ReturnValue with NextRevokeAllowedOn set is read as "quota spent". That a revoked CAL
    # counts against the 20% until the date it would have expired (when rdsctl plans the next ones)
    # is the lab's model, not documented.
    param($Result)
    [uint32]$Result.ReturnValue -ne 0 -and [bool]$Result.NextRevokeAllowedOn
}

function Get-RdsComputerAccountState {
    # UNVERIFIED: the WMI directory provider (root\directory\LDAP) serves computer accounts as
    # ds_computer, with Active Directory attributes prefixed DS_ (DS_sAMAccountName,
    # DS_userAccountControl). Documented in Active Directory itself: a computer's sAMAccountName is
    # its NetBIOS name followed by '$', and userAccountControl bit 0x2 (ACCOUNTDISABLE) marks a
    # disabled account. Only a plain NetBIOS name is asked about (it is spliced into WQL); any other
    # name stays unknown. Answers enabled, disabled or missing.
    param([string]$Name)
    $short = ($Name -split '\.')[0]
    if ($short -notmatch '^[A-Za-z0-9-]{1,15}$') { return $null }
    $filter = "DS_sAMAccountName = '{0}$'" -f $short
    $found = @(Get-CimInstance -Namespace root/directory/LDAP -ClassName ds_computer -Filter $filter -ErrorAction Stop) | Select-Object -First 1
    if (-not $found) { return 'missing' }
    if (([int64]$found.DS_userAccountControl -band 2) -ne 0) { return 'disabled' }
    'enabled'
}

function Get-RdsSshDefaultShell {
    # UNVERIFIED on a host (docs/windows.md, the ssh transport): sshd's source falls back to
    # cmd.exe when DefaultShell is absent or empty. The bootstrap line is plain words so that
    # cmd.exe and PowerShell start it alike. Answers the shell a command runs through.
    $shell = Get-RdsRegistryValue -Key 'SOFTWARE\OpenSSH' -Name DefaultShell -Type String
    if (-not $shell) { return 'cmd.exe' }
    [string]$shell
}

function Get-RdsSshCmdArguments {
    # UNVERIFIED on a host (docs/windows.md, the ssh transport): without a pty, Win32-OpenSSH's
    # sshd starts a command through cmd.exe as "<cmd.exe>" /c "<line>" (do_exec_windows in
    # w32-doexec.c). cmd.exe keeps quotes after /c only around the name of an executable; else it
    # strips the first and the last quote (learn.microsoft.com, windows-commands/cmd, Remarks).
    # The bootstrap line holds no quote and none of & < > ( ) @ ^ | %, so what is left is the
    # line as sent. Answers cmd.exe's arguments for a line, as sshd builds them.
    param([string]$Line)
    '/c "{0}"' -f $Line
}

function Get-RdsSshStreamEncoding {
    # UNVERIFIED (docs/windows.md, the ssh transport): the bootstrap reads stdin as bytes through
    # [Console]::OpenStandardInput() and decodes them as UTF-8 itself, and writes one UTF-8 line;
    # the test double runs PowerShell 7 on Linux, not Windows PowerShell 5.1 under cmd.exe. The
    # check reports the console's encodings and echoes non-ASCII text; the client, which decodes
    # stdout as this answers, compares them (settle-ssh-streams.ts).
    'utf-8'
}

function Get-RdsSshStdinEndsOnDisconnect {
    # UNVERIFIED (docs/windows.md, the ssh transport): sshd closes the command's stdin pipe when
    # the client's EOF arrives (nchan.c); that a dropped connection does the same for a
    # cmd.exe-started powershell.exe is seen on Linux only. It cannot be seen from inside one
    # run: the check reports it as unknown.
    $true
}

function Get-RdsShippedOpenSshVersion {
    # UNVERIFIED (docs/windows.md, the ssh transport): Windows' OpenSSH feature identifies itself
    # as 8.1; no Microsoft page confirms the release Windows Server 2022 and 2025 carry today.
    '8.1'
}

function Move-RdsFileOver {
    # UNVERIFIED (docs/locking.md, Limits): File.Replace is documented to replace the contents of
    # $Destination with $Source and delete $Source (learn.microsoft.com System.IO.File.Replace),
    # not to do so in one step, nor to succeed while another process has $Destination open (the
    # apply lock's readers open it with FileShare ReadWrite and Delete). The apply lock relies on
    # both: a reader must see the old record or the new one, never none. No backup file is kept
    # (a plain $null would reach .NET as an empty string: NullString is "none").
    param([string]$Source, [string]$Destination)
    [System.IO.File]::Replace($Source, $Destination, [System.Management.Automation.Language.NullString]::Value)
}

function Get-RdsPublicationObjectPath {
    # UNVERIFIED: the Win32_TSLicenseServer page documents PublishLS (the caller must be an
    # Enterprise Admin) but names no directory object. Only Windows Server 2003-era material does:
    # "Manually Publishing and Un-publishing Terminal Server License Servers" (Microsoft Tech
    # Community, 2007) and KB 301932 place the list in the siteServer values of
    # CN=TS-Enterprise-License-Server,CN=<site>,CN=Sites,CN=Configuration,... (class
    # licensingSiteSettings). Later releases also have IsLSRegisteredToSCP/RegisterLSToSCP, a
    # service connection point, which that material predates. Publication stays a manual step;
    # this path only lets `rdsctl windows check` look, read-only, at what PublishLS wrote.
    param([string]$Site, [string]$ConfigurationNamingContext)
    'CN=TS-Enterprise-License-Server,CN={0},CN=Sites,{1}' -f $Site, $ConfigurationNamingContext
}

function Get-RdsDeploymentLicensingMode {
    # UNVERIFIED (reference section 5.1): Get-RDLicenseConfiguration documents Mode as PerUser or
    # PerDevice; NotConfigured appears in practice (RemoteDesktopServicesDsc maps Mode.ToString()
    # to PerUser|PerDevice|NotConfigured). Anything else fails the read as unexpected.
    param($Mode)
    switch ([string]$Mode) {
        'PerUser' { return 'perUser' }
        'PerDevice' { return 'perDevice' }
        'NotConfigured' { return 'notConfigured' }
    }
    Stop-RdsStep (New-RdsFailure -Step 'read-connection-broker' -Code 'UNEXPECTED_VALUE' -Message ('the deployment licensing mode is "{0}", not PerUser, PerDevice or NotConfigured' -f $Mode))
}

function Get-RdsSessionHostBroker {
    # UNVERIFIED: Win32_TSSessionDirectory documents SessionDirectoryActive (1: "participation in the
    # RD Connection Broker is enabled") and SessionDirectoryLocation (the broker's DNS name or
    # address), but not that a Windows Server 2012+ deployment sets them on every session host it
    # adds. Answers the broker's name, or nothing.
    $directory = Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TSSessionDirectory -ErrorAction Stop | Select-Object -First 1
    if (-not $directory -or [int64]$directory.SessionDirectoryActive -ne 1) { return $null }
    $location = [string]$directory.SessionDirectoryLocation
    if (-not $location) { return $null }
    $location
}

function Set-RdsDeploymentLicensing {
    # UNVERIFIED (reference section 5.1): Set-RDLicenseConfiguration's BothPS parameter set takes the
    # mode and the list in one call, and -Force suppresses its prompt (documented); that the list
    # replaces the broker's rather than adding to it, and that the broker then pushes both to its
    # session hosts' local layer, is not documented. The caller re-reads the broker afterwards.
    param([string]$Mode, [string[]]$Servers)
    $modes = @{ perUser = 'PerUser'; perDevice = 'PerDevice' }
    Set-RDLicenseConfiguration -Mode $modes[$Mode] -LicenseServer $Servers -Force -ErrorAction Stop
}
