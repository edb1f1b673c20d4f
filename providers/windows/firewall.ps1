# The RD Licensing inbound firewall rules, matched by their stable Name (never the localised
# display group) through the NetSecurity cmdlets. Without -PolicyStore the cmdlets read and change
# the local (persistent) store; what is in effect is the ActiveStore, where Group Policy can
# deploy its own copy of a rule or turn local rules off (docs/windows.md, "Firewall policy stores").

function Get-RdsLicensingFirewallRules {
    @(Get-NetFirewallRule -Name (Get-RdsLicensingFirewallRuleNamePattern) -ErrorAction SilentlyContinue |
        Sort-Object -Property Name)
}

function Test-RdsRuleEnabled {
    param($Rule)
    # Enabled is an enum whose values are the strings True / False, not a Boolean.
    [string]$Rule.Enabled -eq 'True'
}

function Get-RdsRuleGroupState {
    param([bool[]]$Enabled)
    $on = @($Enabled | Where-Object { $_ }).Count
    if ($Enabled.Count -eq 0) { return 'missing' }
    if ($on -eq $Enabled.Count) { return 'enabled' }
    if ($on -eq 0) { return 'disabled' }
    'partial'
}

function Read-RdsFirewall {
    $policy = Read-RdsActiveFirewallPolicy
    $ignored = @($policy.localRulesIgnoredIn)
    $rules = @(Get-RdsLicensingFirewallRules | ForEach-Object {
            $name = [string]$_.Name
            $enabled = Test-RdsRuleEnabled $_
            $rule = [ordered]@{ name = $name; enabled = $enabled; effectiveEnabled = ($enabled -and $ignored.Count -eq 0) }
            # A GPO's copy of the rule decides, whatever the local one says.
            $owned = @($policy.groupPolicyRules | Where-Object { $_.name -eq $name }) | Select-Object -First 1
            if ($owned) {
                $rule.effectiveEnabled = [bool]$owned.enabled
                $rule.owner = 'groupPolicy'
                $rule.policyStore = [string]$owned.store
            }
            $rule
        })
    $state = [ordered]@{
        ruleGroup = (Get-RdsRuleGroupState @($rules | ForEach-Object { [bool]$_.enabled }))
        rules = $rules
        effectiveRuleGroup = (Get-RdsRuleGroupState @($rules | ForEach-Object { [bool]$_.effectiveEnabled }))
        activeProfiles = @($policy.activeProfiles)
    }
    if ($ignored.Count -gt 0) { $state.localRulesIgnoredIn = $ignored }
    $state
}

function Get-RdsFirewallPolicyHold {
    # Why a local change cannot give the wanted effective state, or nothing when it can.
    param($Firewall, [bool]$Wanted)
    $reasons = @()
    foreach ($rule in @($Firewall.rules | Where-Object { $_.owner -eq 'groupPolicy' -and [bool]$_.effectiveEnabled -ne $Wanted })) {
        $reasons += 'Group Policy deploys {0} from the policy store {1}' -f $rule.name, $rule.policyStore
    }
    $ignored = @($Firewall.localRulesIgnoredIn | Where-Object { $_ })
    if ($Wanted -and $ignored.Count -gt 0) {
        $reasons += 'Group Policy turns local firewall rules off in the {0} profile' -f ($ignored -join ', ')
    }
    $reasons
}

function Invoke-RdsFirewallOperation {
    param($Operation)
    $wanted = [bool]$Operation.enabled
    $word = 'disabled'
    if ($wanted) { $word = 'enabled' }
    $before = Read-RdsFirewall
    if (@($before.rules).Count -eq 0) {
        Stop-RdsStep (New-RdsFailure -Step 'set-firewall' -Code 'NOT_FOUND' -Message ('no firewall rules named {0} exist on this host; is the RD Licensing role installed?' -f (Get-RdsLicensingFirewallRuleNamePattern)))
    }
    $held = @(Get-RdsFirewallPolicyHold -Firewall $before -Wanted $wanted)
    if ($held.Count -gt 0) {
        Stop-RdsStep (New-RdsFailure -Step 'set-firewall' -Code 'POLICY_CONTROLLED' -Message ('the RD Licensing rules cannot be {0} locally: {1}; change them in that GPO' -f $word, ($held -join '; ')))
    }
    # A rule a GPO deploys is left alone: its local copy decides nothing.
    $names = @($before.rules | Where-Object { $_.owner -ne 'groupPolicy' -and [bool]$_.enabled -ne $wanted } | ForEach-Object { [string]$_.name })
    if ($names.Count -eq 0 -or $before.effectiveRuleGroup -eq $word) {
        return New-RdsResult -Kind $Operation.kind -Status noop -Detail ('all {0} RD Licensing rules are already {1} in effect' -f @($before.rules).Count, $word)
    }
    if ($wanted) { Enable-NetFirewallRule -Name $names -ErrorAction Stop }
    else { Disable-NetFirewallRule -Name $names -ErrorAction Stop }
    $after = Read-RdsFirewall
    if ($after.effectiveRuleGroup -ne $word) {
        Stop-RdsStep (New-RdsFailure -Step 'set-firewall' -Code 'NOT_CONVERGED' -Message ('the RD Licensing rules are {0} in effect ({1} locally) after asking for {2}' -f $after.effectiveRuleGroup, $after.ruleGroup, $word))
    }
    New-RdsResult -Kind $Operation.kind -Status done -Detail ('{0} {1}' -f $word, ($names -join ', '))
}
