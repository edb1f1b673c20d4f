# Win32_TerminalServiceSetting: Group Policy values (policy key) win over local values, as on
# Windows; writes to a policy-controlled setting return 0x80041016.

function Get-DoublePolicyKey { 'SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services' }
function Get-DoubleLocalModeKey { 'SYSTEM\CurrentControlSet\Control\Terminal Server\RCM\Licensing Core' }
function Get-DoubleLocalServersKey { 'SYSTEM\CurrentControlSet\Services\TermService\Parameters\LicenseServers' }

function Get-DoubleRegistryValue {
    param([hashtable]$State, [string]$Key, [string]$Name)
    if (-not $State.registry -or -not $State.registry.ContainsKey($Key)) { return $null }
    $State.registry[$Key][$Name]
}

function Set-DoubleRegistryValue {
    param([hashtable]$State, [string]$Key, [string]$Name, $Value)
    if (-not $State.registry) { $State.registry = @{} }
    if (-not $State.registry.ContainsKey($Key)) { $State.registry[$Key] = @{} }
    $State.registry[$Key][$Name] = $Value
}

function Get-DoubleEffectiveSettings {
    param([hashtable]$State)
    $policyMode = Get-DoubleRegistryValue $State (Get-DoublePolicyKey) 'LicensingMode'
    $policyServers = Get-DoubleRegistryValue $State (Get-DoublePolicyKey) 'LicenseServers'
    $mode = Get-DoubleRegistryValue $State (Get-DoubleLocalModeKey) 'LicensingMode'
    if ($null -eq $mode) { $mode = 5 }
    if ($null -ne $policyMode) { $mode = $policyMode }
    $servers = @(Get-DoubleRegistryValue $State (Get-DoubleLocalServersKey) 'SpecifiedLicenseServers' | Where-Object { $_ })
    if ($null -ne $policyServers) { $servers = @(([string]$policyServers -split ',') | ForEach-Object { $_.Trim() } | Where-Object { $_ }) }
    @{ Mode = $mode; ModeFromPolicy = ($null -ne $policyMode); Servers = $servers; ServersFromPolicy = ($null -ne $policyServers) }
}

function Get-DoubleTerminalServiceSetting {
    param([hashtable]$State)
    $setting = $State.terminalServiceSetting
    if (-not $setting) { return }
    $effective = Get-DoubleEffectiveSettings $State
    $licensingType = $effective.Mode
    if ($setting.ContainsKey('LicensingType')) { $licensingType = $setting.LicensingType }
    New-DoubleInstance 'Win32_TerminalServiceSetting' @{
        ServerName = Get-DoubleHostName
        TerminalServerMode = [uint32]$setting.TerminalServerMode
        LicensingType = [uint32]$licensingType
        PolicySourceLicensingType = [uint32]([int]$effective.ModeFromPolicy)
        PolicySourceConfiguredLicenseServers = [uint32]([int]$effective.ServersFromPolicy)
    }
}

function Invoke-DoubleTerminalServiceMethod {
    param([hashtable]$State, [string]$Method, [System.Collections.IDictionary]$Arguments, [uint32]$TimeoutSeconds = 0)
    $setting = $State.terminalServiceSetting
    $effective = Get-DoubleEffectiveSettings $State
    switch ($Method) {
        'GetSpecifiedLicenseServerList' { return New-DoubleMethodResult -Out @{ SpecifiedLSList = [string[]]$effective.Servers } }
        'GetGracePeriodDays' { return New-DoubleMethodResult -Out @{ DaysLeft = [uint32]$setting.GraceDaysLeft } }
        'GetTStoLSConnectivityStatus' { return Get-DoubleConnectivityStatus -Setting $setting -Server ([string]$Arguments.ServerName) -TimeoutSeconds $TimeoutSeconds }
        'ChangeMode' {
            $refused = $effective.ModeFromPolicy
            if (-not $refused) { Set-DoubleRegistryValue $State (Get-DoubleLocalModeKey) 'LicensingMode' ([int]$Arguments.LicensingType) }
            return Complete-DoubleWrite -State $State -Method $Method -Arguments $Arguments -Refused $refused
        }
        'SetSpecifiedLicenseServerList' {
            $refused = $effective.ServersFromPolicy
            if (-not $refused) { Set-DoubleRegistryValue $State (Get-DoubleLocalServersKey) 'SpecifiedLicenseServers' ([string[]]@($Arguments.SpecifiedLSList)) }
            return Complete-DoubleWrite -State $State -Method $Method -Arguments $Arguments -Refused $refused
        }
    }
    throw "the Windows double has no Win32_TerminalServiceSetting.$Method"
}

function Get-DoubleConnectivityStatus {
    # Connectivity: { SERVER: code } or { SERVER: { status, delaySeconds, cim, message, returnValue } };
    # a server not listed cannot be connected to (6). A check slower than the caller's
    # OperationTimeoutSec throws at once what CIM throws when it gives up (no wall-clock wait);
    # without a timeout it takes its full delay, as on Windows.
    param($Setting, [string]$Server, [uint32]$TimeoutSeconds)
    $answer = 6
    if ($Setting.Connectivity -and $Setting.Connectivity.ContainsKey($Server)) { $answer = $Setting.Connectivity[$Server] }
    if ($answer -isnot [System.Collections.IDictionary]) { return New-DoubleMethodResult -Out @{ TStoLSConnectivityStatus = [uint32]$answer } }
    if ($answer.cim) { throw (New-DoubleCimException -Result $answer.cim -Message ([string]$answer.message)) }
    if ($answer.returnValue) { return New-DoubleMethodResult -ReturnValue ([uint32]$answer.returnValue) }
    if ($answer.delaySeconds) {
        if ($TimeoutSeconds -gt 0 -and $TimeoutSeconds -lt $answer.delaySeconds) {
            throw (New-DoubleCimException -Result Failed -Message 'This operation returned because the timeout period expired.')
        }
        Start-Sleep -Seconds $answer.delaySeconds
    }
    New-DoubleMethodResult -Out @{ TStoLSConnectivityStatus = [uint32]$answer.status }
}

function Complete-DoubleWrite {
    param([hashtable]$State, [string]$Method, [System.Collections.IDictionary]$Arguments, [bool]$Refused)
    $details = @{ class = 'Win32_TerminalServiceSetting'; method = $Method; arguments = (ConvertTo-DoubleArguments $Arguments) }
    if ($Refused) {
        $details.refused = [uint32]2147749910
        Write-DoubleJournal 'Invoke-CimMethod' $details
        return New-DoubleMethodResult -ReturnValue 2147749910
    }
    Save-DoubleState $State
    Write-DoubleJournal 'Invoke-CimMethod' $details
    New-DoubleMethodResult
}
