# Active Directory as ADSI shows it to the licence server's session, from the fixture's
# "directory": { accounts: { USER: { password, mayAddMembers } }, computers: { NAME: DN },
# groupMembers: [DN], unreachable, addDoesNotTake, publication: { site, siteServers: [DN] } }.
# publication is the TS-Enterprise-License-Server object of that site; without it the object
# does not exist. Without "directory" the domain controller answers nothing, as from a
# workgroup server.
#
# The scripts reach System.DirectoryServices (which throws PlatformNotSupportedException off
# Windows) through exactly two functions, Open-RdsDirectoryEntry and Find-RdsDirectoryComputer;
# this module exports aliases of those names, and aliases take precedence over functions, so
# these doubles answer in their place once the module is loaded (any CIM call loads it).
#
# A bind without a credential from a session with "secondHop" (key-based SSH, or WinRM without
# delegation: the logon holds no credentials for the domain controller) fails the way Windows
# does, with ERROR_DS_OPERATIONS_ERROR; so does one with a wrong password
# (ERROR_LOGON_FAILURE), and an unreachable domain controller answers ERROR_DS_SERVER_DOWN.

$script:DoubleGroupSid = 'S-1-5-32-561'

function New-DoubleComException {
    # Code: an HRESULT, as a hex literal (which PowerShell reads as a negative Int32) or unsigned.
    param([string]$Message, [int64]$Code)
    $signed = $Code
    if ($signed -gt [int]::MaxValue) { $signed -= 4294967296 }
    [System.Runtime.InteropServices.COMException]::new($Message, [int]$signed)
}

function Get-DoubleDomainDn {
    param([hashtable]$State)
    $domain = 'corp.contoso.com'
    if ($State.computerSystem -and $State.computerSystem.Domain) { $domain = [string]$State.computerSystem.Domain }
    (@($domain.Split('.') | ForEach-Object { 'DC=' + $_ })) -join ','
}

function Get-DoubleGroupDn {
    param([hashtable]$State)
    'CN=Terminal Server License Servers,CN=Builtin,' + (Get-DoubleDomainDn $State)
}

function Update-DoubleDirectoryEntry {
    # RefreshCache: what the domain controller holds now for the entry's object.
    param($Entry)
    $state = Get-DoubleState
    $directory = $state.directory
    if ($Entry.DistinguishedName -eq (Get-DoubleGroupDn $state)) {
        $Entry.Properties.member = @(@($directory.groupMembers) | Where-Object { $_ })
        return
    }
    $publication = $directory.publication
    if ($publication -and $Entry.DistinguishedName -eq ('CN=TS-Enterprise-License-Server,CN={0},CN=Sites,CN=Configuration,{1}' -f $publication.site, (Get-DoubleDomainDn $state))) {
        $Entry.Properties.siteServer = @(@($publication.siteServers) | Where-Object { $_ })
        return
    }
    throw (New-DoubleComException 'There is no such object on the server.' 0x80072030)
}

function Assert-DoubleDirectoryBind {
    param([hashtable]$State, $User, $Password)
    $directory = $State.directory
    if (-not $directory -or $directory.unreachable) { throw (New-DoubleComException 'The server is not operational.' 0x8007203A) }
    if (-not $User) {
        if ($State.secondHop) { throw (New-DoubleComException 'An operations error occurred.' 0x80072020) }
        return
    }
    $account = $null
    if ($directory.accounts) { $account = $directory.accounts[[string]$User] }
    if (-not $account -or [string]$account.password -ne [string]$Password) { throw (New-DoubleComException 'The user name or password is incorrect.' 0x8007052E) }
}

function Open-DoubleDirectoryEntry {
    param([string]$Path, $Credential)
    $state = Get-DoubleState
    $user = $null; $password = $null
    if ($Credential) { $user = [string]$Credential.user; $password = [string]$Credential.password }
    Assert-DoubleDirectoryBind -State $state -User $user -Password $password
    $groupDn = Get-DoubleGroupDn $state
    $dn = $Path -replace '^LDAP://', '' -replace '\\/', '/'
    if ($dn -eq ('<SID={0}>' -f $script:DoubleGroupSid)) { $dn = $groupDn }
    $properties = @{ distinguishedName = @($dn); member = @() }
    if ($dn -eq 'RootDSE') { $properties = @{ configurationNamingContext = @('CN=Configuration,' + (Get-DoubleDomainDn $state)) } }
    $entry = [pscustomobject]@{ Path = $Path; DistinguishedName = $dn; User = $user; Properties = $properties }
    $entry | Add-Member -MemberType ScriptMethod -Name RefreshCache -Value {
        param($Names)
        Update-DoubleDirectoryEntry -Entry $this
    }
    $entry | Add-Member -MemberType ScriptMethod -Name Invoke -Value {
        param([string]$Method, [string]$Member)
        Add-DoubleGroupMember -Entry $this -Method $Method -Member $Member
    }
    $entry
}

function Add-DoubleGroupMember {
    param($Entry, [string]$Method, [string]$Member)
    if ($Method -ne 'Add' -or $Entry.DistinguishedName -ne (Get-DoubleGroupDn (Get-DoubleState))) { throw "the Windows double has no ADSI $Method on $($Entry.DistinguishedName)" }
    if ($Member -notmatch '^LDAP://[^/]') { throw "the Windows double expects a serverless member path, not $Member" }
    $state = Get-DoubleState
    $directory = $state.directory
    $dn = $Member.Substring(7).Replace('\/', '/')
    $details = @{ method = 'Add'; group = $Entry.DistinguishedName; member = $dn; user = $Entry.User }
    $account = $directory.accounts[[string]$Entry.User]
    if (-not $account.mayAddMembers) {
        $details.refused = 'E_ACCESSDENIED'
        Write-DoubleJournal 'ADSI' $details
        throw (New-DoubleComException 'Access is denied.' 0x80070005)
    }
    if (@($directory.groupMembers) -contains $dn) { throw (New-DoubleComException 'The object already exists.' 0x80071392) }
    if (-not $directory.addDoesNotTake) {
        $directory.groupMembers = @(@($directory.groupMembers) | Where-Object { $_ }) + @($dn)
        Save-DoubleState $state
    }
    Write-DoubleJournal 'ADSI' $details
}

function Find-DoubleDirectoryComputer {
    param($Root, [string]$Name)
    $computers = (Get-DoubleState).directory.computers
    if ($computers -and $computers.ContainsKey($Name)) { return [string]$computers[$Name] }
}

Set-Alias -Name Open-RdsDirectoryEntry -Value Open-DoubleDirectoryEntry
Set-Alias -Name Find-RdsDirectoryComputer -Value Find-DoubleDirectoryComputer
