# The RD Licensing inbound firewall rules, matched by their stable Name (never the localised
# display group) through the NetSecurity cmdlets.

function Get-RdsLicensingFirewallRules {
    @(Get-NetFirewallRule -Name (Get-RdsLicensingFirewallRuleNamePattern) -ErrorAction SilentlyContinue |
        Sort-Object -Property Name)
}

function Test-RdsRuleEnabled {
    param($Rule)
    # Enabled is an enum whose values are the strings True / False, not a Boolean.
    [string]$Rule.Enabled -eq 'True'
}

function Read-RdsFirewall {
    $rules = @(Get-RdsLicensingFirewallRules | ForEach-Object {
            [ordered]@{ name = [string]$_.Name; enabled = (Test-RdsRuleEnabled $_) }
        })
    $enabled = @($rules | Where-Object { $_.enabled }).Count
    $group = 'partial'
    if ($rules.Count -eq 0) { $group = 'missing' }
    elseif ($enabled -eq $rules.Count) { $group = 'enabled' }
    elseif ($enabled -eq 0) { $group = 'disabled' }
    [ordered]@{ ruleGroup = $group; rules = $rules }
}

function Invoke-RdsFirewallOperation {
    param($Operation)
    $wanted = [bool]$Operation.enabled
    $rules = Get-RdsLicensingFirewallRules
    if ($rules.Count -eq 0) {
        Stop-RdsStep (New-RdsFailure -Step 'set-firewall' -Code 'NOT_FOUND' -Message ('no firewall rules named {0} exist on this host; is the RD Licensing role installed?' -f (Get-RdsLicensingFirewallRuleNamePattern)))
    }
    $names = @($rules | Where-Object { (Test-RdsRuleEnabled $_) -ne $wanted } | ForEach-Object { [string]$_.Name })
    $word = 'disabled'
    if ($wanted) { $word = 'enabled' }
    if ($names.Count -eq 0) {
        return New-RdsResult -Kind $Operation.kind -Status noop -Detail ('all {0} RD Licensing rules are already {1}' -f $rules.Count, $word)
    }
    if ($wanted) { Enable-NetFirewallRule -Name $names -ErrorAction Stop }
    else { Disable-NetFirewallRule -Name $names -ErrorAction Stop }
    $after = Read-RdsFirewall
    if ($after.ruleGroup -ne $word) {
        Stop-RdsStep (New-RdsFailure -Step 'set-firewall' -Code 'NOT_CONVERGED' -Message ('the RD Licensing rules are {0} after asking for {1}' -f $after.ruleGroup, $word))
    }
    New-RdsResult -Kind $Operation.kind -Status done -Detail ('{0} {1}' -f $word, ($names -join ', '))
}
