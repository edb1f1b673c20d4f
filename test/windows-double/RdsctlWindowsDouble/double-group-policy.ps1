# GroupPolicy doubles over the fixture's "gpos": [{ Name, Domain, Values: { LicensingMode: 4 }, Links: [DN] }],
# each optionally with Status (GpoStatus name), WmiFilter (its name), Permissions ([{ Trustee,
# Sid, SidType, Permission, Denied }]; absent: Authenticated Users GpoApply, Domain Admins
# GpoEditDeleteModifySecurity, as a new GPO has), EnforcedLinks ([DN]) and LinkOrder ({ DN: n }).
# Get-GPRegistryValue throws for a value the GPO does not set, as it is believed to on Windows.
# Errors are localised, as on a German management host: only their FullyQualifiedErrorId,
# category and exception type are stable. A missing GPO is GpoWithNameNotFound
# (ObjectNotFound, ArgumentException), as public code that drives Get-GPO matches it.

function New-DoubleGroupPolicyError {
    param([string]$Message, [string]$ErrorId, [string]$Command, $Target)
    $exception = [System.ArgumentException]::new($Message)
    [System.Management.Automation.ErrorRecord]::new($exception, ('{0},Microsoft.GroupPolicy.Commands.{1}' -f $ErrorId, $Command), [System.Management.Automation.ErrorCategory]::ObjectNotFound, $Target)
}

function Find-DoubleGpo {
    param([hashtable]$State, [string]$Name, [string]$Domain)
    @($State.gpos) | Where-Object { $_ -and $_.Name -eq $Name -and $_.Domain -eq $Domain } | Select-Object -First 1
}

function Get-DoubleGpoOrThrow {
    param([hashtable]$State, [string]$Name, [string]$Domain)
    $gpo = Find-DoubleGpo $State $Name $Domain
    # "gpoNotFoundErrorId" on the management host contradicts the documented id.
    $errorId = 'GpoWithNameNotFound'
    if ($State.gpoNotFoundErrorId) { $errorId = [string]$State.gpoNotFoundErrorId }
    if (-not $gpo) { throw (New-DoubleGroupPolicyError "Das Gruppenrichtlinienobjekt `"$Name`" wurde in der Domaene `"$Domain`" nicht gefunden." $errorId 'GetGpoCommand' $Name) }
    $gpo
}

function Get-GPO {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, [string]$Domain)
    $gpo = Get-DoubleGpoOrThrow (Get-DoubleState) $Name $Domain
    $status = 'AllSettingsEnabled'
    if ($gpo.Status) { $status = [string]$gpo.Status }
    $filter = $null
    if ($gpo.WmiFilter) { $filter = [pscustomobject]@{ Name = [string]$gpo.WmiFilter; Description = '' } }
    [pscustomobject]@{ DisplayName = $gpo.Name; DomainName = $gpo.Domain; Id = [guid]::Empty; GpoStatus = $status; WmiFilter = $filter }
}

function Get-DoubleGpoPermissions {
    param($Gpo)
    if ($null -ne $Gpo.Permissions) { return @($Gpo.Permissions) }
    @(
        @{ Trustee = 'Authenticated Users'; Sid = 'S-1-5-11'; SidType = 'WellKnownGroup'; Permission = 'GpoApply' }
        @{ Trustee = 'Domain Admins'; Sid = 'S-1-5-21-1004336348-1177238915-682003330-512'; SidType = 'Group'; Permission = 'GpoEditDeleteModifySecurity' }
    )
}

function Get-GPPermission {
    # Trustee is a GPTrustee (Name, Domain, Sid, SidType); Permission a GPPermissionType. On Windows
    # Sid is a SecurityIdentifier, which .NET cannot build on Linux: here it is its string form, S-1-....
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, [string]$DomainName, [switch]$All)
    $gpo = Get-DoubleGpoOrThrow (Get-DoubleState) $Name $DomainName
    foreach ($entry in @(Get-DoubleGpoPermissions $gpo)) {
        $trustee = [pscustomobject]@{ Name = [string]$entry.Trustee; Domain = 'CONTOSO'; Sid = [string]$entry.Sid; SidType = [string]$entry.SidType }
        [pscustomobject]@{ Trustee = $trustee; TrusteeType = [string]$entry.SidType; Permission = [string]$entry.Permission; Denied = [bool]$entry.Denied; Inherited = $false }
    }
}

function Test-DoubleOuWithin {
    param([string]$Ou, [string]$Linked)
    $normal = { param($dn) (@($dn -split ',' | ForEach-Object { $_.Trim().ToLowerInvariant() }) -join ',') }
    $computer = & $normal $Ou
    $container = & $normal $Linked
    $computer -eq $container -or $computer.EndsWith(',' + $container)
}

function Get-GPInheritance {
    # InheritedGpoLinks in order of precedence, highest first: enforced links (the higher
    # container first), then the others, closest to the target first, by link order.
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Target, [string]$Domain)
    $state = Get-DoubleState
    $links = foreach ($gpo in @($state.gpos | Where-Object { $_ -and $_.Domain -eq $Domain })) {
        foreach ($dn in @($gpo.Links | Where-Object { $_ -and (@($gpo.DisabledLinks) -notcontains $_) -and (Test-DoubleOuWithin $Target $_) })) {
            $order = 1
            if ($gpo.LinkOrder -and $gpo.LinkOrder[$dn]) { $order = [int]$gpo.LinkOrder[$dn] }
            $enforced = @($gpo.EnforcedLinks) -contains $dn
            [pscustomobject]@{ DisplayName = $gpo.Name; GpoDomainName = $gpo.Domain; GpoId = [guid]::Empty; Enabled = $true; Enforced = $enforced; Order = $order; Target = $dn; Depth = @($dn -split ',').Count }
        }
    }
    $enforced = @($links | Where-Object { $_.Enforced } | Sort-Object -Stable -Property Depth, Order)
    $others = @($links | Where-Object { -not $_.Enforced } | Sort-Object -Stable -Property @{ Expression = 'Depth'; Descending = $true }, @{ Expression = 'Order'; Descending = $false })
    [pscustomobject]@{ Name = $Target; Path = $Target; GpoInheritanceBlocked = $false; GpoLinks = @($links | Where-Object { $_.Target -eq $Target }); InheritedGpoLinks = @($enforced + $others) }
}

function New-GPO {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, [string]$Domain)
    $state = Get-DoubleState
    $state.gpos = @(@($state.gpos) | Where-Object { $_ }) + @(@{ Name = $Name; Domain = $Domain; Values = @{}; Links = @() })
    Save-DoubleState $state
    Write-DoubleJournal 'New-GPO' @{ name = $Name; domain = $Domain }
    [pscustomobject]@{ DisplayName = $Name; DomainName = $Domain }
}

function ConvertTo-DoubleSomPath {
    param([string]$DistinguishedName)
    $parts = @($DistinguishedName -split ',' | ForEach-Object { $_.Trim() })
    $domain = ($parts | Where-Object { $_ -like 'DC=*' } | ForEach-Object { $_.Substring(3) }) -join '.'
    $ous = @($parts | Where-Object { $_ -like 'OU=*' } | ForEach-Object { $_.Substring(3) })
    [array]::Reverse($ous)
    (@($domain) + $ous) -join '/'
}

function Get-GPOReport {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, [string]$Domain, [string]$ReportType)
    $gpo = Get-DoubleGpoOrThrow (Get-DoubleState) $Name $Domain
    # A link listed in DisabledLinks is reported the way Windows reports it: <Enabled>false</Enabled>.
    $links = foreach ($dn in @($gpo.Links | Where-Object { $_ })) {
        $enabled = if (@($gpo.DisabledLinks) -contains $dn) { 'false' } else { 'true' }
        '<LinksTo><SOMName>x</SOMName><SOMPath>{0}</SOMPath><Enabled>{1}</Enabled><NoOverride>false</NoOverride></LinksTo>' -f [System.Security.SecurityElement]::Escape((ConvertTo-DoubleSomPath $dn)), $enabled
    }
    '<?xml version="1.0" encoding="utf-16"?><GPO xmlns="http://www.microsoft.com/GroupPolicy/Settings"><Name>{0}</Name>{1}</GPO>' -f [System.Security.SecurityElement]::Escape($Name), ($links -join '')
}

function Get-GPRegistryValue {
    [CmdletBinding()]
    param([string]$Name, [string]$Domain, [string]$Key, [string]$ValueName)
    $state = Get-DoubleState
    $gpo = Get-DoubleGpoOrThrow $state $Name $Domain
    if (-not $gpo.Values -or -not $gpo.Values.ContainsKey($ValueName)) {
        # "gpoUnsetReturnsNothing" contradicts the belief that an unset value throws.
        if ($state.gpoUnsetReturnsNothing) { return }
        throw (New-DoubleGroupPolicyError "Die folgende Registrierungseinstellung wurde nicht gefunden: `"$Key\$ValueName`"." 'UnableToRetrievePolicyRegistryItem' 'GetGPRegistryValueCommand' $ValueName)
    }
    [pscustomobject]@{ KeyPath = $Key; ValueName = $ValueName; Value = $gpo.Values[$ValueName]; PolicyState = 'Set'; HasValue = $true }
}

function Set-GPRegistryValue {
    [CmdletBinding()]
    param([string]$Name, [string]$Domain, [string]$Key, [string[]]$ValueName, [string]$Type, $Value)
    $state = Get-DoubleState
    $gpo = Get-DoubleGpoOrThrow $state $Name $Domain
    if (-not $gpo.Values) { $gpo.Values = @{} }
    $gpo.Values[$ValueName[0]] = $Value
    Save-DoubleState $state
    Write-DoubleJournal 'Set-GPRegistryValue' @{ name = $Name; domain = $Domain; key = $Key; valueName = $ValueName[0]; type = $Type; value = $Value }
}

function Remove-GPRegistryValue {
    [CmdletBinding()]
    param([string]$Name, [string]$Domain, [string]$Key, [string]$ValueName)
    $state = Get-DoubleState
    $gpo = Get-DoubleGpoOrThrow $state $Name $Domain
    if ($gpo.Values) { $gpo.Values.Remove($ValueName) }
    Save-DoubleState $state
    Write-DoubleJournal 'Remove-GPRegistryValue' @{ name = $Name; domain = $Domain; key = $Key; valueName = $ValueName }
}

function New-GPLink {
    [CmdletBinding()]
    param([string]$Name, [string]$Domain, [string]$Target, [string]$LinkEnabled)
    $state = Get-DoubleState
    $gpo = Get-DoubleGpoOrThrow $state $Name $Domain
    # Windows refuses a second link of the same GPO to the same container, enabled or not.
    if (@($gpo.Links) -contains $Target) { throw (New-DoubleGroupPolicyError "The GPO named '$Name' is already linked to a Scope of Management with Path '$Target'." 'GpoLinkAlreadyExists' 'NewGPLinkCommand' $Target) }
    $gpo.Links = @(@($gpo.Links) | Where-Object { $_ }) + @($Target)
    Save-DoubleState $state
    Write-DoubleJournal 'New-GPLink' @{ name = $Name; domain = $Domain; target = $Target; linkEnabled = $LinkEnabled }
}

function Set-GPLink {
    [CmdletBinding()]
    param([string]$Name, [string]$Domain, [string]$Target, [string]$LinkEnabled)
    $state = Get-DoubleState
    $gpo = Get-DoubleGpoOrThrow $state $Name $Domain
    if (@($gpo.Links) -notcontains $Target) { throw (New-DoubleGroupPolicyError "The GPO named '$Name' is not linked to a Scope of Management with Path '$Target'." 'GpoLinkNotFound' 'SetGPLinkCommand' $Target) }
    $gpo.DisabledLinks = @(@($gpo.DisabledLinks) | Where-Object { $_ -and $_ -ne $Target })
    if ($LinkEnabled -ne 'Yes') { $gpo.DisabledLinks = @($gpo.DisabledLinks) + @($Target) }
    Save-DoubleState $state
    Write-DoubleJournal 'Set-GPLink' @{ name = $Name; domain = $Domain; target = $Target; linkEnabled = $LinkEnabled }
}
