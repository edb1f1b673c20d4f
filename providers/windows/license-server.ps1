# Licence server: activation, discovery scope and Active Directory publication through
# Win32_TSLicenseServer, which lives in root\cimv2 (not root\cimv2\TerminalServices), and recent
# licensing events. A caller who is not a local administrator gets empty WMI data instead of an error.

function Get-RdsLicenseServerInstance {
    Get-CimInstance -Namespace root/cimv2 -ClassName Win32_TSLicenseServer -ErrorAction Stop | Select-Object -First 1
}

function Invoke-RdsLicenseServerMethod {
    param([string]$Method, [hashtable]$Arguments = @{}, [string]$Step)
    $result = Invoke-CimMethod -Namespace root/cimv2 -ClassName Win32_TSLicenseServer -MethodName $Method -Arguments $Arguments
    Assert-RdsReturnValue -Result $result -Step $Step -What $Method
    $result
}

function Test-RdsEmptyLicenseServer {
    # Empty read-only properties mean Windows withheld the data from a non-administrator.
    param($Instance)
    if (-not $Instance) { return $true }
    -not ($Instance.ProductId -or $Instance.Version -or $Instance.DatabasePath)
}

function ConvertFrom-RdsServerRole {
    param($Value)
    switch ([int64]$Value) {
        0 { return 'workgroup' }
        1 { return 'domain' }
        2 { return 'forest' }
    }
    Stop-RdsStep (New-RdsFailure -Step 'read-license-server' -Code 'UNEXPECTED_VALUE' -Message ('ServerRole is {0}, which is not a documented discovery scope (0, 1 or 2)' -f $Value))
}

function Read-RdsActivationStatus {
    $status = (Invoke-RdsLicenseServerMethod -Method GetActivationStatus -Step 'read-license-server').ActivationStatus
    switch ([int64]$status) {
        0 { return 'activated' }
        1 { return 'notActivated' }
    }
    'unknown'
}

function Read-RdsLicenseServer {
    # -ComputerAccounts: also the directory account of each device holding a CAL (reclaim.disabledInDirectory).
    # -PerUserReport: also generate, read and delete a per-user report (per-user-report.ps1), which writes.
    param([switch]$ComputerAccounts, [switch]$PerUserReport)
    $service = Read-RdsServiceState -Name TermServLicensing
    if ($service -eq 'missing') { return $null }
    $instance = Get-RdsLicenseServerInstance
    $firewall = Read-RdsFirewall
    if (Test-RdsEmptyLicenseServer $instance) {
        $server = [ordered]@{
            activation = [ordered]@{ status = 'unknown' }
            discovery = [ordered]@{ scope = 'workgroup'; publishedInAD = $false }
            service = [ordered]@{ state = $service }
            firewall = $firewall
            keyPacks = @()
            accessDenied = $true
        }
        return Add-RdsLicenseServerEvents $server
    }
    $contact = [bool]($instance.FirstName -and $instance.LastName -and $instance.Company -and $instance.CountryRegion)
    $step = 'read-license-server'
    $discovery = [ordered]@{ scope = (ConvertFrom-RdsServerRole $instance.ServerRole) }
    Add-RdsDirectoryChecks $discovery
    $discovery.securityGroupEnforced = [bool](Invoke-RdsLicenseServerMethod -Method IsLSSecGrpGPEnabled -Step $step).Enabled
    $server = [ordered]@{
        activation = [ordered]@{ status = (Read-RdsActivationStatus); contactComplete = $contact }
        discovery = $discovery
        service = [ordered]@{ state = $service }
        firewall = $firewall
        keyPacks = @(Read-RdsKeyPacks)
    }
    Add-RdsIssuedLicenses $server -ComputerAccounts:$ComputerAccounts | Out-Null
    if ($PerUserReport) { Add-RdsPerUserReport $server | Out-Null }
    Add-RdsLicenseServerEvents $server
}

function Add-RdsDirectoryChecks {
    # IsLSPublished and IsLSinTSLSGroup ask a domain controller, which a workgroup server or a
    # key-based SSH session cannot reach. A failure leaves both unknown, with the reason, and
    # never costs the host's read.
    param($Discovery)
    $step = 'read-directory'
    try {
        $published = [bool](Invoke-RdsLicenseServerMethod -Method IsLSPublished -Step $step).Published
        $member = [bool](Invoke-RdsLicenseServerMethod -Method IsLSinTSLSGroup -Arguments @{ Domain = '' } -Step $step).IsMember
        $Discovery.publishedInAD = $published
        $Discovery.inLicenseServersGroup = $member
    }
    catch {
        $failure = ConvertTo-RdsFailure $_ $step
        $Discovery.directoryUnknown = ('the directory checks (IsLSPublished, IsLSinTSLSGroup) failed from this session: {0}' -f $failure.message)
    }
}

function Add-RdsLicenseServerEvents {
    # Events come from the event log, not WMI: they are read even when WMI withheld its data.
    param($Server)
    $events = Read-RdsLicensingEvents licenseServer
    if ($null -ne $events) { $Server.events = $events }
    Add-RdsInstallLedgerState $Server
}

function Add-RdsInstallLedgerState {
    # Unexplained installs from the ledger, so plan can refuse to install again. Reported only
    # when there are some; a ledger that cannot be read counts as one (fail safe).
    param($Server)
    # Revocations a killed run left unfinished come too, so the next apply reports them.
    $revocations = @()
    try {
        $open = @(Get-RdsUnexplainedInstalls)
        $revocations = @(Get-RdsUnsettledRevocations)
    }
    catch { $open = @([ordered]@{ id = 'ledger'; at = ''; reason = ('the install ledger could not be read: {0}' -f $_.Exception.Message) }) }
    if ($open.Count -gt 0 -or $revocations.Count -gt 0) { $Server.installLedger = [ordered]@{ unexplained = $open } }
    if ($revocations.Count -gt 0) { $Server.installLedger.unsettledRevocations = $revocations }
    $Server
}

function Invoke-RdsActivation {
    param($Operation)
    $step = 'activate-server'
    if ((Read-RdsActivationStatus) -eq 'activated') {
        return New-RdsResult -Kind $Operation.kind -Status noop -Detail 'the licence server is already activated'
    }
    $contact = $Operation.contact
    if (-not ($contact.firstName -and $contact.lastName -and $contact.company -and $contact.countryRegion)) {
        Stop-RdsStep (New-RdsFailure -Step $step -Code 'INVALID_OPERATION' -Message 'automatic activation needs first name, last name, company and country/region')
    }
    Set-RdsActivationContact -LicenseServer (Get-RdsLicenseServerInstance) -Contact $contact
    $result = Invoke-RdsLicenseServerMethod -Method ActivateServerAutomatic -Step $step
    $status = Read-RdsActivationStatus
    if ($status -ne 'activated') {
        Stop-RdsStep (New-RdsFailure -Step $step -Code 'NOT_CONVERGED' -Message ('activation status is {0} after automatic activation (ActivationStatus {1}); the server needs Internet access to the Microsoft Clearinghouse on TCP 443' -f $status, $result.ActivationStatus))
    }
    New-RdsResult -Kind $Operation.kind -Status done -Detail 'activated automatically'
}

function Set-RdsDiscoveryScope {
    # Domain and forest scope also need the server in Terminal Server License Servers
    # (S-1-5-32-561): added through ADSI with the request's directory credential, or left to the
    # manual step plan shows when there is none (docs/windows.md, "Directory changes").
    param($Operation)
    $step = 'set-discovery-scope'
    $codes = @{ workgroup = 0; domain = 1; forest = 2 }
    $current = ConvertFrom-RdsServerRole (Get-RdsLicenseServerInstance).ServerRole
    $done = @()
    $notes = @()
    if ($current -ne $Operation.scope) {
        Invoke-RdsLicenseServerMethod -Method ChangeRole -Arguments @{ ServerRole = [uint32]$codes[[string]$Operation.scope] } -Step $step | Out-Null
        $after = ConvertFrom-RdsServerRole (Get-RdsLicenseServerInstance).ServerRole
        if ($after -ne $Operation.scope) {
            Stop-RdsStep (New-RdsFailure -Step $step -Code 'NOT_CONVERGED' -Message ('discovery scope is {0} after setting {1}' -f $after, $Operation.scope))
        }
        $done += ('discovery scope {0} -> {1}' -f $current, $after)
    }
    if ($Operation.scope -ne 'workgroup') {
        $credential = $Operation.directoryCredential
        if (-not ($credential -and $credential.user -and $credential.password)) {
            $notes += 'Terminal Server License Servers membership is a manual step (no connection.directoryCredential)'
        }
        elseif (Add-RdsLicenseServersGroupMember -Credential $credential -Step $step) {
            $done += ('added to Terminal Server License Servers through ADSI as {0}' -f $credential.user)
        }
        else { $notes += 'already in Terminal Server License Servers' }
    }
    if ($done.Count -eq 0) {
        return New-RdsResult -Kind $Operation.kind -Status noop -Detail ((@('discovery scope is already {0}' -f $current) + $notes) -join '; ')
    }
    New-RdsResult -Kind $Operation.kind -Status done -Detail ((@($done) + $notes) -join '; ')
}

function Set-RdsPublishedInAD {
    # PublishLS and UnpublishLS are local WMI calls that write Active Directory as the caller: from
    # a remote session the caller's credentials do not reach a domain controller, WMI refuses
    # explicit credentials on a local call, and no Microsoft page names the object they write, so
    # the result cannot be verified. Plan and doctor show the manual steps instead.
    param($Operation)
    Stop-RdsStep (New-RdsFailure -Step 'set-published-in-ad' -Code 'MANUAL_STEP' -Message 'publishing a licence server in AD is a manual step on Windows: PublishLS writes the directory as the caller, whose remoting credentials do not reach a domain controller; follow the steps rdsctl plan shows (docs/windows.md, "Directory changes")')
}

function Invoke-RdsLicenseServerOperation {
    param($Operation)
    switch ([string]$Operation.kind) {
        'activateServer' { return Invoke-RdsActivation $Operation }
        'setDiscoveryScope' { return Set-RdsDiscoveryScope $Operation }
        'setPublishedInAD' { return Set-RdsPublishedInAD $Operation }
    }
}
