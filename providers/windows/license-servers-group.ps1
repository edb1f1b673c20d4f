# Membership of Terminal Server License Servers (well-known SID S-1-5-32-561) through ADSI,
# inside the host session, bound with the explicit directory credential of the request. The
# session's own logon carries no credentials to a domain controller (the second hop), and the
# WMI method AddLStoTSLSGroup is a local call, where WMI refuses explicit credentials
# (WBEM_E_LOCAL_CREDENTIALS): so rdsctl never calls it. Paths are serverless throughout: a group
# bound with a serverless path takes a serverless member path (IADsGroup::Add), and a group bound
# by SID is re-bound by its distinguished name before members change (binding by SID does not
# support every method). docs/windows.md, "Directory changes".

function Open-RdsDirectoryEntry {
    # One of the two touches of System.DirectoryServices: a bind with the directory credential,
    # or, without one (the read-only conformance check), with the session's own identity.
    param([string]$Path, $Credential)
    if (-not $Credential) { return New-Object System.DirectoryServices.DirectoryEntry ($Path) }
    $flags = [System.DirectoryServices.AuthenticationTypes]'Secure, Signing, Sealing'
    New-Object System.DirectoryServices.DirectoryEntry ($Path, [string]$Credential.user, [string]$Credential.password, $flags)
}

function Find-RdsDirectoryComputer {
    # The other: the distinguished name of the computer account NAME$ under Root, or nothing.
    param($Root, [string]$Name)
    $filter = '(&(objectCategory=computer)(sAMAccountName={0}$))' -f (ConvertTo-RdsLdapFilterValue $Name)
    $searcher = New-Object System.DirectoryServices.DirectorySearcher ($Root, $filter)
    [void]$searcher.PropertiesToLoad.Add('distinguishedName')
    $found = $searcher.FindOne()
    if ($found) { [string]@($found.Properties['distinguishedname'])[0] }
}

function ConvertTo-RdsLdapFilterValue {
    # RFC 4515 escapes for a value inside a search filter.
    param([string]$Value)
    $escaped = New-Object System.Text.StringBuilder
    foreach ($char in $Value.ToCharArray()) {
        if ('\*()'.IndexOf($char) -ge 0 -or [int]$char -eq 0) { [void]$escaped.AppendFormat('\{0:x2}', [int]$char) }
        else { [void]$escaped.Append($char) }
    }
    $escaped.ToString()
}

function ConvertTo-RdsAdsPath {
    # A serverless LDAP path for a distinguished name; "/" separates path parts, so it is escaped.
    param([string]$DistinguishedName)
    'LDAP://' + $DistinguishedName.Replace('/', '\/')
}

function ConvertTo-RdsDomainDn {
    param([string]$Domain)
    (@($Domain.Split('.') | Where-Object { $_ } | ForEach-Object { 'DC=' + $_ })) -join ','
}

function Get-RdsGroupMembers {
    # The group's member DNs as the domain controller holds them now (RefreshCache re-reads).
    param($Group)
    $Group.RefreshCache(@('member'))
    @($Group.Properties['member'] | ForEach-Object { [string]$_ })
}

function ConvertTo-RdsDirectoryFailure {
    # ADSI errors by their HRESULT (learn.microsoft.com/windows/win32/adsi/win32-error-codes).
    param($ErrorRecord, [string]$Step, [string]$User, [string]$Domain)
    $carried = $ErrorRecord.Exception.Data['rdsctl']
    if ($carried) { return $carried }
    $code = Get-RdsWindowsCode $ErrorRecord
    $detail = [string]$ErrorRecord.Exception.Message
    $inner = $ErrorRecord.Exception.InnerException
    if ($inner) { $detail = [string]$inner.Message }
    $classes = @{
        '0x80070005' = @('ACCESS_DENIED', ('the directory account {0} may not add members to Terminal Server License Servers (S-1-5-32-561)' -f $User))
        '0x80072098' = @('ACCESS_DENIED', ('the directory account {0} may not add members to Terminal Server License Servers (S-1-5-32-561)' -f $User))
        '0x8007052E' = @('DIRECTORY_AUTH_FAILED', ('a domain controller of {0} refused the directory credential of {1}' -f $Domain, $User))
        '0x80070056' = @('DIRECTORY_AUTH_FAILED', ('a domain controller of {0} refused the directory credential of {1}' -f $Domain, $User))
        '0x8007203A' = @('DIRECTORY_UNREACHABLE', ('no domain controller of {0} could be reached from this host' -f $Domain))
        '0x8007200F' = @('DIRECTORY_UNREACHABLE', ('no domain controller of {0} could be reached from this host' -f $Domain))
        '0x800704C9' = @('DIRECTORY_UNREACHABLE', ('no domain controller of {0} could be reached from this host' -f $Domain))
        '0x8007054B' = @('DIRECTORY_UNREACHABLE', ('no domain controller of {0} could be reached from this host' -f $Domain))
    }
    if ($code -and $classes.ContainsKey($code)) {
        return New-RdsFailure -Step $Step -Code $classes[$code][0] -Message ('{0}: {1}' -f $classes[$code][1], $detail) -WindowsCode $code
    }
    New-RdsFailure -Step $Step -Code 'WINDOWS_ERROR' -Message ('adding the licence server to Terminal Server License Servers through ADSI failed: {0}' -f $detail) -WindowsCode $code
}

function Add-RdsLicenseServersGroupMember {
    # Adds this computer to its domain's Terminal Server License Servers and re-reads the group.
    # Returns $true when it added the computer, $false when it was a member already.
    param($Credential, [string]$Step)
    $system = Get-CimInstance -Namespace root/cimv2 -ClassName Win32_ComputerSystem -ErrorAction Stop | Select-Object -First 1
    if (-not $system.PartOfDomain) {
        Stop-RdsStep (New-RdsFailure -Step $Step -Code 'NOT_DOMAIN_MEMBER' -Message ('{0} is not in a domain (workgroup {1}): it cannot join Terminal Server License Servers' -f $system.Name, $system.Workgroup))
    }
    $domain = [string]$system.Domain
    $user = [string]$Credential.user
    try {
        $root = Open-RdsDirectoryEntry -Path (ConvertTo-RdsAdsPath (ConvertTo-RdsDomainDn $domain)) -Credential $Credential
        $computer = Find-RdsDirectoryComputer -Root $root -Name ([string]$system.Name)
        if (-not $computer) {
            Stop-RdsStep (New-RdsFailure -Step $Step -Code 'NOT_FOUND' -Message ('the domain {0} has no computer account {1}$' -f $domain, $system.Name))
        }
        $bySid = Open-RdsDirectoryEntry -Path ('LDAP://<SID={0}>' -f 'S-1-5-32-561') -Credential $Credential
        $groupDn = [string]@($bySid.Properties['distinguishedName'])[0]
        $group = Open-RdsDirectoryEntry -Path (ConvertTo-RdsAdsPath $groupDn) -Credential $Credential
        if ((Get-RdsGroupMembers $group) -contains $computer) { return $false }
        [void]$group.Invoke('Add', (ConvertTo-RdsAdsPath $computer))
        if ((Get-RdsGroupMembers $group) -notcontains $computer) {
            Stop-RdsStep (New-RdsFailure -Step $Step -Code 'NOT_CONVERGED' -Message ('{0} is not among the members of {1} after adding it' -f $computer, $groupDn))
        }
        $true
    }
    catch { Stop-RdsStep (ConvertTo-RdsDirectoryFailure $_ $Step $user $domain) }
}
