# GroupPolicy doubles over the fixture's "gpos": [{ Name, Domain, Values: { LicensingMode: 4 }, Links: [DN] }].
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
    [pscustomobject]@{ DisplayName = $gpo.Name; DomainName = $gpo.Domain; Id = [guid]::Empty }
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
