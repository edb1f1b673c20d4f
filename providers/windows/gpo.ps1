# GPOs: the two licensing policy values in a named GPO and its links, through the GroupPolicy
# module on a management host that has RSAT Group Policy Management.

function Get-RdsGpoPolicyKey { 'HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services' }

function Import-RdsGroupPolicyModule {
    if (Get-Command -Name Get-GPO -ErrorAction SilentlyContinue) { return }
    try {
        # Under PowerShell 7 the module is only usable through the Windows PowerShell compatibility layer.
        if ($PSVersionTable.PSEdition -eq 'Core') { Import-Module GroupPolicy -UseWindowsPowerShell -ErrorAction Stop -WarningAction SilentlyContinue }
        else { Import-Module GroupPolicy -ErrorAction Stop }
    }
    catch {
        Stop-RdsStep (New-RdsFailure -Step 'load-group-policy' -Code 'NOT_FOUND' -Message ('the GroupPolicy module (RSAT Group Policy Management) is not available on this management host: {0}' -f $_.Exception.Message))
    }
}

function Test-RdsGpoNotFound {
    # Get-GPO reports a missing GPO as FullyQualifiedErrorId GpoWithNameNotFound (GpoWithIdNotFound
    # by GUID); its message is localised, so it is never matched (docs/windows.md, "Group Policy").
    param($ErrorRecord)
    $id = ([string]$ErrorRecord.FullyQualifiedErrorId).Split(',')[0]
    $id -eq 'GpoWithNameNotFound' -or $id -eq 'GpoWithIdNotFound'
}

function Find-RdsGpo {
    param([string]$Name, [string]$Domain)
    try { Get-GPO -Name $Name -Domain $Domain -ErrorAction Stop }
    catch {
        if (Test-RdsGpoNotFound $_) { return }
        throw
    }
}

function ConvertFrom-RdsSomPath {
    # Get-GPOReport lists links as canonical paths (corp.contoso.com/RDS/Finance); the spec uses
    # distinguished names (OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com).
    param([string]$Path)
    $parts = $Path.Split('/')
    $dn = @($parts[0].Split('.') | ForEach-Object { 'DC=' + $_ })
    for ($i = 1; $i -lt $parts.Count; $i++) { $dn = @('OU=' + $parts[$i]) + $dn }
    $dn -join ','
}

function Read-RdsGpoLinks {
    # A disabled link (<Enabled>false</Enabled> in the report) applies nothing, so it is not a
    # link; -Disabled lists those instead, for linkGpo to enable rather than link again.
    param([string]$Name, [string]$Domain, [switch]$Disabled)
    [xml]$report = Get-GPOReport -Name $Name -Domain $Domain -ReportType Xml -ErrorAction Stop
    $wanted = if ($Disabled) { 'false' } else { 'true' }
    @($report.GPO.LinksTo | Where-Object { $_ -and $_.SOMPath -and ([string]$_.Enabled).Trim().ToLowerInvariant() -eq $wanted } | ForEach-Object { ConvertFrom-RdsSomPath ([string]$_.SOMPath) })
}

function Read-RdsGpoMode {
    param([string]$Name, [string]$Domain)
    $raw = Get-RdsGpoRegistryValue -Gpo $Name -Domain $Domain -Key (Get-RdsGpoPolicyKey) -ValueName LicensingMode
    if ($null -eq $raw) { return $null }
    switch ([int64]$raw) {
        2 { return 'perDevice' }
        4 { return 'perUser' }
    }
    Stop-RdsStep (New-RdsFailure -Step 'read-gpo' -Code 'UNEXPECTED_VALUE' -Message ('the GPO sets LicensingMode to {0}, which rdsctl does not manage (2 per device, 4 per user)' -f $raw))
}

function Read-RdsGpoServers {
    param([string]$Name, [string]$Domain)
    $raw = Get-RdsGpoRegistryValue -Gpo $Name -Domain $Domain -Key (Get-RdsGpoPolicyKey) -ValueName LicenseServers
    if ($null -eq $raw) { return $null }
    , @(Split-RdsPolicyServerList ([string]$raw))
}

function ConvertTo-RdsGpoStatus {
    # GpoStatus (Microsoft.GroupPolicy): AllSettingsEnabled, AllSettingsDisabled, ComputerSettingsDisabled, UserSettingsDisabled.
    param($Status)
    $text = [string]$Status
    if (-not $text) { return 'allSettingsEnabled' }
    $text.Substring(0, 1).ToLowerInvariant() + $text.Substring(1)
}

function Read-RdsGpoOverrides {
    # At each OU the GPO is linked to, the GPOs Windows applies with a higher precedence
    # (Get-GPInheritance InheritedGpoLinks, highest first) that set a licensing value this GPO sets too.
    param([string]$Name, [string]$Domain, [string[]]$Links, $Values)
    $overrides = @()
    foreach ($ou in $Links) {
        $inherited = @((Get-GPInheritance -Target $ou -Domain $Domain -ErrorAction Stop).InheritedGpoLinks)
        foreach ($link in $inherited) {
            $other = [string]$link.DisplayName
            if ($other -eq $Name) { break }
            $otherDomain = [string]$link.GpoDomainName
            if (-not $otherDomain) { $otherDomain = $Domain }
            $settings = @()
            if ($null -ne $Values.licensingMode -and $null -ne (Get-RdsGpoRegistryValue -Gpo $other -Domain $otherDomain -Key (Get-RdsGpoPolicyKey) -ValueName LicensingMode)) { $settings += 'licensingMode' }
            if ($null -ne $Values.licenseServers -and $null -ne (Get-RdsGpoRegistryValue -Gpo $other -Domain $otherDomain -Key (Get-RdsGpoPolicyKey) -ValueName LicenseServers)) { $settings += 'licenseServers' }
            if ($settings.Count -eq 0) { continue }
            $override = [ordered]@{ gpo = $other; ou = $ou; settings = $settings }
            if ([string]$link.Enforced -eq 'True') { $override.enforced = $true }
            $overrides += , $override
        }
    }
    , $overrides
}

function Read-RdsGpo {
    param($Gpo)
    Import-RdsGroupPolicyModule
    $name = [string]$Gpo.name
    $domain = [string]$Gpo.domain
    $state = [ordered]@{ name = $name; domain = $domain; exists = $false; links = @(); licensingMode = $null; licenseServers = $null }
    $found = Find-RdsGpo -Name $name -Domain $domain
    if (-not $found) { return $state }
    $state.exists = $true
    $state.links = @(Read-RdsGpoLinks -Name $name -Domain $domain)
    $state.licensingMode = Read-RdsGpoMode -Name $name -Domain $domain
    $state.licenseServers = Read-RdsGpoServers -Name $name -Domain $domain
    # What decides whether the values reach the hosts (docs/windows.md, "Group Policy that does not apply").
    $state.status = ConvertTo-RdsGpoStatus $found.GpoStatus
    $state.applyTrustees = @(Read-RdsGpoApplyTrustees -Name $name -Domain $domain)
    if ($found.WmiFilter -and $found.WmiFilter.Name) { $state.wmiFilter = [string]$found.WmiFilter.Name }
    $overrides = Read-RdsGpoOverrides -Name $name -Domain $domain -Links $state.links -Values $state
    if ($overrides.Count -gt 0) { $state.overriddenBy = $overrides }
    $state
}

function Set-RdsGpoValue {
    param($Operation, [string]$ValueName, [string]$Type, $Value)
    Set-GPRegistryValue -Name $Operation.gpo -Domain $Operation.domain -Key (Get-RdsGpoPolicyKey) -ValueName $ValueName -Type $Type -Value $Value -ErrorAction Stop | Out-Null
}

function Invoke-RdsGpoOperation {
    param($Operation)
    Import-RdsGroupPolicyModule
    $name = [string]$Operation.gpo
    $domain = [string]$Operation.domain
    $kind = [string]$Operation.kind
    $exists = [bool](Find-RdsGpo -Name $name -Domain $domain)
    if ($kind -eq 'createGpo') {
        if ($exists) { return New-RdsResult -Kind $kind -Status noop -Detail 'the GPO already exists' }
        New-GPO -Name $name -Domain $domain -ErrorAction Stop | Out-Null
        return New-RdsResult -Kind $kind -Status done -Detail ('created the GPO in {0}' -f $domain)
    }
    if (-not $exists) {
        Stop-RdsStep (New-RdsFailure -Step $kind -Code 'NOT_FOUND' -Message ('the GPO "{0}" does not exist in {1}' -f $name, $domain))
    }
    if ($kind -eq 'setGpoLicensingMode') {
        $current = Read-RdsGpoMode -Name $name -Domain $domain
        if ($current -eq $Operation.mode) { return New-RdsResult -Kind $kind -Status noop -Detail ('LicensingMode is already {0}' -f $current) }
        Set-RdsGpoValue -Operation $Operation -ValueName LicensingMode -Type DWord -Value ([int](ConvertTo-RdsLicensingType $Operation.mode))
        return New-RdsResult -Kind $kind -Status done -Detail ('LicensingMode {0} -> {1}' -f $current, $Operation.mode)
    }
    if ($kind -eq 'setGpoLicenseServers') {
        $wanted = [string[]]@($Operation.servers | Where-Object { $_ })
        $current = Read-RdsGpoServers -Name $name -Domain $domain
        if ($null -ne $current -and (Test-RdsSameList $current $wanted)) { return New-RdsResult -Kind $kind -Status noop -Detail ('LicenseServers is already {0}' -f ($wanted -join ',')) }
        Set-RdsGpoValue -Operation $Operation -ValueName LicenseServers -Type String -Value ($wanted -join ',')
        return New-RdsResult -Kind $kind -Status done -Detail ('LicenseServers -> {0}' -f ($wanted -join ','))
    }
    $ou = [string]$Operation.ou
    $linked = @(Read-RdsGpoLinks -Name $name -Domain $domain | Where-Object { $_ -eq $ou })
    if ($linked.Count -gt 0) { return New-RdsResult -Kind $kind -Status noop -Detail ('already linked to {0}' -f $ou) }
    if (@(Read-RdsGpoLinks -Name $name -Domain $domain -Disabled | Where-Object { $_ -eq $ou }).Count -gt 0) {
        Set-GPLink -Name $name -Domain $domain -Target $ou -LinkEnabled Yes -ErrorAction Stop | Out-Null
        return New-RdsResult -Kind $kind -Status done -Detail ('enabled the disabled link to {0}' -f $ou)
    }
    New-GPLink -Name $name -Domain $domain -Target $ou -LinkEnabled Yes -ErrorAction Stop | Out-Null
    New-RdsResult -Kind $kind -Status done -Detail ('linked to {0}' -f $ou)
}
