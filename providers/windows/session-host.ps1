# Session host licensing: mode and the ordered licence-server list in each layer (local RCM
# values, Group Policy values, and the effective values Win32_TerminalServiceSetting reports),
# grace period, the host's own connectivity verdict and the probes per licence server, recent
# licensing events, and the writes.

function Get-RdsPolicyKey { 'SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services' }
function Get-RdsLocalModeKey { 'SYSTEM\CurrentControlSet\Control\Terminal Server\RCM\Licensing Core' }
function Get-RdsLocalServersKey { 'SYSTEM\CurrentControlSet\Services\TermService\Parameters\LicenseServers' }

function Get-RdsTerminalServiceSetting {
    Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TerminalServiceSetting -ErrorAction Stop |
        Select-Object -First 1
}

function ConvertFrom-RdsLicensingType {
    # 2 / 4 / 5 per every source but the class page, whose 3 = per user is a documentation error.
    # ChangeMode also documents 0 (personal terminal server) and 1 (Remote Desktop for
    # Administration); the newer ADMX adds 6 (Azure AD per user, unverified on WS2022). All are
    # read as what they are (reference section 1.3); anything else is unexpected.
    param($Value, [string]$Layer)
    switch ([int64]$Value) {
        0 { return 'personalTerminalServer' }
        1 { return 'remoteDesktopForAdministration' }
        2 { return 'perDevice' }
        4 { return 'perUser' }
        5 { return 'notConfigured' }
        6 { return 'azureAdPerUser' }
    }
    Stop-RdsStep (New-RdsFailure -Step 'read-session-host' -Code 'UNEXPECTED_VALUE' -Message ("the {0} licensing mode is {1}, which is not a documented value (0, 1, 2 per device, 4 per user, 5 not configured, 6 Azure AD per user)" -f $Layer, $Value))
}

function ConvertTo-RdsLicensingType {
    param([string]$Mode)
    if ($Mode -eq 'perDevice') { return [uint32]2 }
    [uint32]4
}

function Split-RdsPolicyServerList {
    # The policy value is one REG_SZ with comma-separated names.
    param([string]$Value)
    @($Value -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
}

function Get-RdsConnectivityStatusName {
    param([int64]$Code)
    $names = @('LS_CONNECTABLE_UNKNOWN', 'LS_CONNECTABLE_VALID_WS08R2', 'LS_CONNECTABLE_VALID_WS08',
        'LS_CONNECTABLE_BETA_RTM_MISMATCH', 'LS_CONNECTABLE_LOWER_VERSION', 'LS_CONNECTABLE_NOT_IN_TSCGROUP',
        'LS_NOT_CONNECTABLE', 'LS_CONNECTABLE_UNKNOWN_VALIDITY', 'LS_CONNECTABLE_BUT_ACCESS_DENIED',
        'LS_CONNECTABLE_VALID_WS08R2_VDI', 'LS_CONNECTABLE_FEATURE_NOT_SUPPORTED', 'LS_CONNECTABLE_VALID_LS')
    if ($Code -ge 0 -and $Code -lt $names.Count) { return $names[$Code] }
    'UNDOCUMENTED_{0}' -f $Code
}

function Test-RdsConnectivityHealthy {
    # Only LS_CONNECTABLE_VALID_LS (11, WS2012 and later) is a licence server this host can use.
    # LS_CONNECTABLE_VALID_WS08R2 (1), _WS08 (2) and _WS08R2_VDI (9) name 2008-era servers, which
    # cannot issue CALs to a current session host (reference section 1.7; docs/windows.md).
    param([int64]$Code)
    $Code -eq 11
}

function Read-RdsConnectivityVerdict {
    # One server's check, bounded by CIM's own OperationTimeoutSec. A check that throws, runs out of
    # time or returns a WMI error is that server's evidence, never the host's failure.
    param($Setting, [string]$Server, [int]$BudgetSeconds)
    $what = 'GetTStoLSConnectivityStatus for {0}' -f $Server
    try {
        $result = Invoke-CimMethod -InputObject $Setting -MethodName GetTStoLSConnectivityStatus -Arguments @{ ServerName = $Server } -OperationTimeoutSec $BudgetSeconds -ErrorAction Stop
    }
    catch {
        $failure = ConvertTo-RdsFailure $_ 'read-session-host'
        $verdict = [ordered]@{ status = 'CHECK_FAILED'; healthy = $false; error = ('{0} (budget {1} s) failed: {2}' -f $what, $BudgetSeconds, $_.Exception.Message) }
        if ($failure.windowsCode) { $verdict.windowsCode = $failure.windowsCode }
        return $verdict
    }
    $returned = [uint32]$result.ReturnValue
    if ($returned -ne 0) {
        return [ordered]@{ status = 'CHECK_FAILED'; healthy = $false; error = ('{0} failed with {1}' -f $what, (Format-RdsWbemCode $returned)); windowsCode = (Format-RdsWindowsCode $returned) }
    }
    $code = [int64]$result.TStoLSConnectivityStatus
    [ordered]@{ code = $code; status = (Get-RdsConnectivityStatusName $code); healthy = (Test-RdsConnectivityHealthy $code) }
}

function Read-RdsConnectivity {
    # The host's own verdict per listed server, each check with its own budget (default 10 s), so
    # a server that hangs the call costs at most that and every other server is still checked.
    param($Setting, [string[]]$Servers, [int]$BudgetSeconds = 10)
    $verdicts = [ordered]@{}
    foreach ($server in $Servers) {
        $verdicts[$server] = Read-RdsConnectivityVerdict -Setting $Setting -Server $server -BudgetSeconds $BudgetSeconds
    }
    $verdicts
}

function Read-RdsComputerOu {
    # Group Policy records the computer's distinguished name; its parent is the OU.
    $dn = Get-RdsRegistryValue -Key 'SOFTWARE\Microsoft\Windows\CurrentVersion\Group Policy\State\Machine' -Name 'Distinguished-Name' -Type String
    if (-not $dn) { return }
    $comma = $dn.IndexOf(',')
    if ($comma -lt 0) { return }
    $dn.Substring($comma + 1)
}

function Read-RdsSessionHost {
    param([int]$ProbeBudgetSeconds = 20)
    $setting = Get-RdsTerminalServiceSetting
    if (-not $setting) { return $null }
    $roleInstalled = [int64]$setting.TerminalServerMode -eq 1

    $modeFromPolicy = [int64]$setting.PolicySourceLicensingType -eq 1
    $effectiveMode = 'notConfigured'
    if ($roleInstalled) { $effectiveMode = ConvertFrom-RdsLicensingType $setting.LicensingType 'effective' }
    $policyModeRaw = Get-RdsRegistryValue -Key (Get-RdsPolicyKey) -Name LicensingMode -Type DWord
    $localModeRaw = Get-RdsRegistryValue -Key (Get-RdsLocalModeKey) -Name LicensingMode -Type DWord
    $policyMode = $null
    if ($null -ne $policyModeRaw) { $policyMode = ConvertFrom-RdsLicensingType $policyModeRaw 'policy' }
    $localMode = 'notConfigured'
    if ($null -ne $localModeRaw) { $localMode = ConvertFrom-RdsLicensingType $localModeRaw 'local' }
    elseif (-not $modeFromPolicy) { $localMode = $effectiveMode }

    $listed = Invoke-CimMethod -InputObject $setting -MethodName GetSpecifiedLicenseServerList
    Assert-RdsReturnValue -Result $listed -Step 'read-session-host' -What 'GetSpecifiedLicenseServerList'
    $effectiveServers = @($listed.SpecifiedLSList | Where-Object { $_ })
    $serversFromPolicy = [int64]$setting.PolicySourceConfiguredLicenseServers -eq 1
    $policyServersRaw = Get-RdsRegistryValue -Key (Get-RdsPolicyKey) -Name LicenseServers -Type String
    $policyServers = $null
    if ($null -ne $policyServersRaw) { $policyServers = @(Split-RdsPolicyServerList $policyServersRaw) }
    $localServers = $effectiveServers
    if ($serversFromPolicy) { $localServers = @(Get-RdsRegistryValue -Key (Get-RdsLocalServersKey) -Name SpecifiedLicenseServers -Type MultiString) }

    $graceDays = 0
    $connectivity = [ordered]@{}
    $probes = $null
    if ($roleInstalled) {
        $grace = Invoke-CimMethod -InputObject $setting -MethodName GetGracePeriodDays
        Assert-RdsReturnValue -Result $grace -Step 'read-session-host' -What 'GetGracePeriodDays'
        $graceDays = [int64]$grace.DaysLeft
        $connectivity = Read-RdsConnectivity -Setting $setting -Servers $effectiveServers
        $probes = Read-RdsLicenseServerProbes -Servers $effectiveServers -BudgetSeconds $ProbeBudgetSeconds
    }
    $sessions = @(Get-CimInstance -Namespace root/cimv2 -ClassName Win32_LogonSession -Filter 'LogonType = 10')

    $modeSource = 'local'
    if ($modeFromPolicy) { $modeSource = 'policy' }
    $serverSource = 'local'
    if ($serversFromPolicy) { $serverSource = 'policy' }
    $sessionHost = [ordered]@{
        roleInstalled = $roleInstalled
        licensingMode = [ordered]@{ local = $localMode; policy = $policyMode; effective = $effectiveMode; source = $modeSource }
        licenseServers = [ordered]@{ local = $localServers; policy = $policyServers; effective = $effectiveServers; source = $serverSource }
        graceDaysLeft = $graceDays
        termService = [ordered]@{ state = (Read-RdsServiceState -Name TermService) }
        activeSessions = $sessions.Count
        connectivity = $connectivity
    }
    # Probes only where the role asks licence servers for CALs; events only when every log was read.
    if ($null -ne $probes) { $sessionHost.probes = $probes }
    $events = Read-RdsLicensingEvents sessionHost
    if ($null -ne $events) { $sessionHost.events = $events }
    $ou = Read-RdsComputerOu
    if ($ou) { $sessionHost.ou = $ou }
    $broker = Read-RdsSessionHostBrokerName
    if ($broker) { $sessionHost.connectionBroker = $broker }
    $sessionHost
}

function Stop-RdsIfPolicyControlled {
    # A WMI write to a setting Group Policy controls fails with 0x80041016; say where to change it.
    param([bool]$Controlled, [string]$What, [string]$Step)
    if (-not $Controlled) { return }
    Stop-RdsStep (New-RdsFailure -Step $Step -Code 'POLICY_CONTROLLED' -WindowsCode '0x80041016' -Message ("the {0} of this host is set by Group Policy (0x80041016, WBEM_E_INVALID_OPERATION); change it in the GPO that configures the host, not on the host" -f $What))
}

function Invoke-RdsWmiWrite {
    # Runs a Win32_TerminalServiceSetting method and maps 0x80041016 to a policy failure.
    param($Setting, [string]$Method, [hashtable]$Arguments, [string]$What, [string]$Step)
    $result = Invoke-CimMethod -InputObject $Setting -MethodName $Method -Arguments $Arguments
    if ([uint32]$result.ReturnValue -eq [uint32]2147749910) { Stop-RdsIfPolicyControlled $true $What $Step }
    Assert-RdsReturnValue -Result $result -Step $Step -What $Method
}

function Set-RdsLicensingMode {
    param($Operation)
    $step = 'set-licensing-mode'
    $setting = Get-RdsTerminalServiceSetting
    Stop-RdsIfPolicyControlled ([int64]$setting.PolicySourceLicensingType -eq 1) 'licensing mode' $step
    $current = ConvertFrom-RdsLicensingType $setting.LicensingType 'effective'
    if ($current -eq $Operation.mode) {
        return New-RdsResult -Kind $Operation.kind -Status noop -Detail ('licensing mode is already {0}' -f $current)
    }
    Invoke-RdsWmiWrite -Setting $setting -Method ChangeMode -Arguments @{ LicensingType = (ConvertTo-RdsLicensingType $Operation.mode) } -What 'licensing mode' -Step $step
    $after = ConvertFrom-RdsLicensingType (Get-RdsTerminalServiceSetting).LicensingType 'effective'
    if ($after -ne $Operation.mode) {
        Stop-RdsStep (New-RdsFailure -Step $step -Code 'NOT_CONVERGED' -Message ('licensing mode is {0} after setting {1}' -f $after, $Operation.mode))
    }
    New-RdsResult -Kind $Operation.kind -Status done -Detail ('licensing mode {0} -> {1}' -f $current, $after)
}

function Set-RdsLicenseServers {
    param($Operation)
    $step = 'set-license-servers'
    $wanted = [string[]]@($Operation.servers | Where-Object { $_ })
    $setting = Get-RdsTerminalServiceSetting
    Stop-RdsIfPolicyControlled ([int64]$setting.PolicySourceConfiguredLicenseServers -eq 1) 'licence-server list' $step
    $before = @((Invoke-CimMethod -InputObject $setting -MethodName GetSpecifiedLicenseServerList).SpecifiedLSList | Where-Object { $_ })
    if (Test-RdsSameList $before $wanted) {
        return New-RdsResult -Kind $Operation.kind -Status noop -Detail ('licence servers are already {0}' -f ($wanted -join ', '))
    }
    Invoke-RdsWmiWrite -Setting $setting -Method SetSpecifiedLicenseServerList -Arguments @{ SpecifiedLSList = $wanted } -What 'licence-server list' -Step $step
    $after = @((Invoke-CimMethod -InputObject (Get-RdsTerminalServiceSetting) -MethodName GetSpecifiedLicenseServerList).SpecifiedLSList | Where-Object { $_ })
    if (-not (Test-RdsSameList $after $wanted)) {
        Stop-RdsStep (New-RdsFailure -Step $step -Code 'NOT_CONVERGED' -Message ('licence servers are [{0}] after setting [{1}]' -f ($after -join ', '), ($wanted -join ', ')))
    }
    New-RdsResult -Kind $Operation.kind -Status done -Detail ('licence servers [{0}] -> [{1}]' -f ($before -join ', '), ($wanted -join ', '))
}

function Reset-RdsGracePeriod {
    # Never automated: the value's key (RCM\GracePeriod) is owned by SYSTEM and denies
    # administrators until ownership is taken, and no supported procedure does that for a script.
    # Plan and doctor show the manual steps (docs/windows.md, "Grace-period reset").
    param($Operation)
    Stop-RdsStep (New-RdsFailure -Step 'reset-grace-period' -Code 'MANUAL_STEP' -Message 'resetting the grace period is a manual step on Windows: the GracePeriod key is owned by SYSTEM and denies administrators until ownership is taken; follow the steps rdsctl plan shows (docs/windows.md, "Grace-period reset")')
}

function Invoke-RdsSessionHostOperation {
    param($Operation)
    switch ([string]$Operation.kind) {
        'setLicensingMode' { return Set-RdsLicensingMode $Operation }
        'setLicenseServers' { return Set-RdsLicenseServers $Operation }
        'resetGracePeriod' { return Reset-RdsGracePeriod $Operation }
    }
}
