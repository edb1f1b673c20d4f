# NetSecurity doubles over the fixture's "firewallRules" (Name, DisplayName, Group, Enabled 'True'/'False').

function Get-NetFirewallRule {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name)
    $state = Get-DoubleState
    foreach ($rule in @($state.firewallRules)) {
        if (-not $rule) { continue }
        $matched = @($Name | Where-Object { $rule.Name -like $_ }).Count -gt 0
        if ($matched) { [pscustomobject]@{ Name = $rule.Name; DisplayName = $rule.DisplayName; Group = $rule.Group; Enabled = [string]$rule.Enabled } }
    }
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
