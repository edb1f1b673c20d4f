# Entry point run on each host, once per phase: parses the request (JSON data, never script
# text), runs every read or every operation for this host, and returns one JSON payload.

function Invoke-RdsReadStep {
    # Runs one area of a read; a failure names the step it happened in.
    param([string]$Step, [scriptblock]$Body)
    try { & $Body }
    catch { Stop-RdsStep (ConvertTo-RdsFailure $_ $Step) }
}

function Read-RdsHost {
    param([string]$Name, [int]$ProbeBudgetSeconds, [switch]$ComputerAccounts, [switch]$PerUserReport, [switch]$ConnectionBroker)
    $state = [ordered]@{ host = $Name }
    $identity = Invoke-RdsReadStep 'read-identity' { Read-RdsHostIdentity }
    foreach ($key in $identity.Keys) { $state[$key] = $identity[$key] }
    $licenseServer = Invoke-RdsReadStep 'read-license-server' { Read-RdsLicenseServer -ComputerAccounts:$ComputerAccounts -PerUserReport:$PerUserReport }
    if ($licenseServer) { $state.licenseServer = $licenseServer }
    $sessionHost = Invoke-RdsReadStep 'read-session-host' { Read-RdsSessionHost -ProbeBudgetSeconds $ProbeBudgetSeconds }
    if ($sessionHost) { $state.sessionHost = $sessionHost }
    if ($ConnectionBroker) { $state.connectionBroker = Invoke-RdsReadStep 'read-connection-broker' { Read-RdsConnectionBroker } }
    $state
}

function Invoke-RdsRead {
    param($Request)
    $payload = [ordered]@{ kind = 'read' }
    if ($Request.readHost) {
        # The probe budget is a number from the request; the servers probed are the host's own list.
        $budget = 20
        if ($null -ne $Request.probeBudgetSeconds) { $budget = [int]$Request.probeBudgetSeconds }
        try { $payload.host = Read-RdsHost -Name ([string]$Request.host) -ProbeBudgetSeconds $budget -ComputerAccounts:([bool]$Request.computerAccounts) -PerUserReport:([bool]$Request.perUserReport) -ConnectionBroker:([bool]$Request.connectionBroker) }
        catch { $payload.hostError = ConvertTo-RdsFailure $_ 'read-host' }
    }
    $gpos = @()
    foreach ($gpo in @($Request.gpos | Where-Object { $_ })) {
        try { $gpos += , ([ordered]@{ gpo = (Read-RdsGpo $gpo) }) }
        catch { $gpos += , ([ordered]@{ name = [string]$gpo.name; domain = [string]$gpo.domain; error = (ConvertTo-RdsFailure $_ 'read-gpo') }) }
    }
    $payload.gpos = $gpos
    $payload
}

function Invoke-RdsOperation {
    param($Operation)
    switch -Regex ([string]$Operation.kind) {
        '^(setServiceState|restartService)$' { return Invoke-RdsServiceOperation $Operation }
        '^setFirewallRuleGroup$' { return Invoke-RdsFirewallOperation $Operation }
        '^(activateServer|setDiscoveryScope|setPublishedInAD)$' { return Invoke-RdsLicenseServerOperation $Operation }
        '^(installLicenses|removeLicenses)$' { return Invoke-RdsKeyPackOperation $Operation }
        '^revokeLicense$' { return Invoke-RdsRevokeLicense $Operation }
        '^(setLicensingMode|setLicenseServers|resetGracePeriod)$' { return Invoke-RdsSessionHostOperation $Operation }
        '^(setGpoLicensingMode|setGpoLicenseServers|createGpo|linkGpo)$' { return Invoke-RdsGpoOperation $Operation }
        '^setDeploymentLicensing$' { return Set-RdsDeploymentLicensingOperation $Operation }
    }
    Stop-RdsStep (New-RdsFailure -Step 'apply' -Code 'INVALID_OPERATION' -Message ('unknown operation kind "{0}"' -f $Operation.kind))
}

function Invoke-RdsApply {
    # Operations run in order; the first failure stops the rest and reports what was done.
    param($Request)
    $results = @()
    foreach ($operation in @($Request.operations)) {
        try { $results += , (Invoke-RdsOperation $operation) }
        catch {
            $failure = ConvertTo-RdsFailure $_ ([string]$operation.kind)
            $results += , ([ordered]@{ kind = [string]$operation.kind; status = 'failed'; detail = [string]$failure.message })
            return [ordered]@{ kind = 'apply'; ok = $false; results = $results; error = $failure }
        }
    }
    [ordered]@{ kind = 'apply'; ok = $true; results = $results }
}

function Invoke-RdsSettleLedger {
    # Records what a later run observed for revocations a killed run left unfinished, with the
    # licence's status as this server reads it now. An entry settled meanwhile is left alone.
    param($Request)
    $results = @()
    foreach ($item in @($Request.settled | Where-Object { $_ })) {
        $license = Get-RdsIssuedLicenseByKeys -KeyPackId ([int64]$item.keyPackId) -LicenseId ([int64]$item.licenseId)
        $open = @(Get-RdsUnsettledRevocations | Where-Object { $_.revokeId -eq [string]$item.revokeId })
        if ($open.Count -eq 0) {
            $results += , ([ordered]@{ kind = 'settleLedger'; status = 'noop'; detail = ('{0} was settled already' -f $item.revokeId) })
            continue
        }
        $status = $null
        if ($license) { $status = [int64]$license.LicenseStatus }
        $null = Add-RdsRevocationObservation -RevokeId ([string]$item.revokeId) -Observation ([string]$item.observation) -LicenseStatus $status
        $results += , ([ordered]@{ kind = 'settleLedger'; status = 'done'; detail = ('settled {0}' -f $item.revokeId) })
    }
    [ordered]@{ kind = 'apply'; ok = $true; results = $results }
}

function Invoke-RdsHostRequest {
    param([string]$RequestJson)
    $ProgressPreference = 'SilentlyContinue'
    $ErrorActionPreference = 'Stop'
    $request = ConvertFrom-Json -InputObject $RequestJson
    # Lets a local run tell which host it stands for; remote sessions have one host each.
    $global:RdsctlTargetHost = [string]$request.host
    # The runner's record of intent for the change applied, for the install ledger (no secrets).
    $global:RdsctlChangeIntent = $request.intent
    switch ([string]$request.phase) {
        'apply' { $payload = Invoke-RdsApply $request }
        'settle-ledger' { $payload = Invoke-RdsSettleLedger $request }
        'read-endpoints' { $payload = Invoke-RdsEndpointRead $request }
        'check' { $payload = Invoke-RdsConformanceCheck $request }
        'lock' { $payload = Invoke-RdsLockRequest $request }
        default { $payload = Invoke-RdsRead $request }
    }
    'RDSCTL-PAYLOAD:' + (ConvertTo-Json -InputObject $payload -Depth 20 -Compress)
}
