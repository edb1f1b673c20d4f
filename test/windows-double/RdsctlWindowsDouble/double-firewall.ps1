# NetSecurity doubles over the fixture's firewall:
#   "firewallRules": the local (persistent) store: [{ Name, DisplayName, Group, Enabled 'True'/'False' }];
#   "gpoFirewallRules": rules Group Policy deploys: [{ Name, Enabled, PolicyStoreSource: 'corp.contoso.com\GPO' }];
#   "firewallProfiles": { Domain: { AllowLocalFirewallRules: 'False' } } (absent: NotConfigured);
#   "firewallActiveProfile": 'Domain' by default.
# As on Windows: without -PolicyStore the cmdlets read and change the persistent store only; the
# ActiveStore is every store in effect, where a GPO's copy of a rule stands for it and local
# rules are absent from a profile whose local rule merging Group Policy turned off.

function Get-DoubleActiveProfiles {
    param([hashtable]$State)
    $active = 'Domain'
    if ($State.firewallActiveProfile) { $active = [string]$State.firewallActiveProfile }
    @($active.Split(',') | ForEach-Object { $_.Trim() })
}

function Test-DoubleLocalRulesMerged {
    param([hashtable]$State)
    foreach ($name in @(Get-DoubleActiveProfiles $State)) {
        $profileState = $null
        if ($State.firewallProfiles) { $profileState = $State.firewallProfiles[$name] }
        if ($profileState -and [string]$profileState.AllowLocalFirewallRules -eq 'False') { return $false }
    }
    $true
}

function New-DoubleFirewallRule {
    param($Rule, [string]$Source, [string]$SourceType)
    [pscustomobject]@{ Name = $Rule.Name; DisplayName = $Rule.DisplayName; Group = $Rule.Group; Enabled = [string]$Rule.Enabled; PolicyStoreSource = $Source; PolicyStoreSourceType = $SourceType }
}

function Get-NetFirewallRule {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name, [string]$PolicyStore)
    $state = Get-DoubleState
    $isWanted = { param($rule) $rule -and @($Name | Where-Object { $rule.Name -like $_ }).Count -gt 0 }
    if ($PolicyStore -eq 'ActiveStore') {
        $owned = @($state.gpoFirewallRules | Where-Object { & $isWanted $_ })
        foreach ($rule in $owned) { New-DoubleFirewallRule $rule ([string]$rule.PolicyStoreSource) 'GroupPolicy' }
        if (-not (Test-DoubleLocalRulesMerged $state)) { return }
        foreach ($rule in @($state.firewallRules | Where-Object { (& $isWanted $_) -and @($owned.Name) -notcontains $_.Name })) { New-DoubleFirewallRule $rule 'PersistentStore' 'Local' }
        return
    }
    if ($PolicyStore -and $PolicyStore -ne 'PersistentStore') { throw "the double has no policy store $PolicyStore" }
    foreach ($rule in @($state.firewallRules | Where-Object { & $isWanted $_ })) { New-DoubleFirewallRule $rule 'PersistentStore' 'Local' }
}

function Get-NetFirewallProfile {
    [CmdletBinding()]
    param([string]$PolicyStore)
    $state = Get-DoubleState
    foreach ($name in @('Domain', 'Private', 'Public')) {
        $allow = 'NotConfigured'
        if ($state.firewallProfiles -and $state.firewallProfiles[$name] -and $state.firewallProfiles[$name].AllowLocalFirewallRules) { $allow = [string]$state.firewallProfiles[$name].AllowLocalFirewallRules }
        [pscustomobject]@{ Name = $name; Enabled = 'True'; AllowLocalFirewallRules = $allow }
    }
}

function Get-NetFirewallSetting {
    [CmdletBinding()]
    param([string]$PolicyStore)
    [pscustomobject]@{ ActiveProfile = (@(Get-DoubleActiveProfiles (Get-DoubleState)) -join ', ') }
}

function Set-DoubleFirewallRules {
    param([string]$Command, [string[]]$Name, [string]$Enabled)
    $state = Get-DoubleState
    foreach ($rule in @($state.firewallRules)) { if ($rule -and $Name -contains $rule.Name) { $rule.Enabled = $Enabled } }
    Save-DoubleState $state
    Write-DoubleJournal $Command @{ name = @($Name) }
}

function Enable-NetFirewallRule { [CmdletBinding()] param([Parameter(Position = 0)][string[]]$Name) Set-DoubleFirewallRules 'Enable-NetFirewallRule' $Name 'True' }
function Disable-NetFirewallRule { [CmdletBinding()] param([Parameter(Position = 0)][string[]]$Name) Set-DoubleFirewallRules 'Disable-NetFirewallRule' $Name 'False' }
