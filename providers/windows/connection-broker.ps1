# RD Connection Broker deployments: the broker's deployment licensing, read and set through the
# RemoteDesktop module on the broker itself (Get-RDLicenseConfiguration, Get-RDServer,
# Set-RDLicenseConfiguration), and the broker a session host reports (Win32_TSSessionDirectory).
# Sources in docs/windows.md, "Connection Broker deployments".

function Import-RdsRemoteDesktopModule {
    # The module comes with the RD Connection Broker role (and RSAT-RDS-Tools); without it the
    # broker's settings can be neither read nor set, and the host says so instead of reading as empty.
    param([string]$Step)
    if (Get-Module -Name RemoteDesktop) { return }
    try { Import-Module RemoteDesktop -ErrorAction Stop -WarningAction SilentlyContinue }
    catch {
        Stop-RdsStep (New-RdsFailure -Step $Step -Code 'MODULE_MISSING' -Message ('the RemoteDesktop module is not available on this host, so its RD Connection Broker deployment licensing cannot be read or set; run rdsctl against the deployment''s broker, which has the module with the RDS-Connection-Broker role ({0})' -f $_.Exception.Message))
    }
}

function Read-RdsCentralLicensing {
    # UseCentralLicensingSettings of Win32_TSDeploymentLicensing (root\cimv2\TerminalServices);
    # optional evidence: a failure leaves it unknown.
    try { $deployment = Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TSDeploymentLicensing -ErrorAction Stop | Select-Object -First 1 }
    catch { return $null }
    if (-not $deployment) { return $null }
    [bool]$deployment.UseCentralLicensingSettings
}

function Read-RdsConnectionBroker {
    # Without -ConnectionBroker both cmdlets ask the local computer's FQDN: this host is the broker.
    $step = 'read-connection-broker'
    Import-RdsRemoteDesktopModule $step
    $config = Get-RDLicenseConfiguration -ErrorAction Stop
    $sessionHosts = @(Get-RDServer -Role RDS-RD-SERVER -ErrorAction Stop | ForEach-Object { [string]$_.Server } | Where-Object { $_ })
    $broker = [ordered]@{
        licensingMode = (Get-RdsDeploymentLicensingMode $config.Mode)
        licenseServers = @($config.LicenseServer | ForEach-Object { [string]$_ } | Where-Object { $_ })
        sessionHosts = $sessionHosts
    }
    $central = Read-RdsCentralLicensing
    if ($null -ne $central) { $broker.centralLicensing = $central }
    $broker
}

function Read-RdsSessionHostBrokerName {
    # Optional evidence: a failed query leaves the host's broker unknown, never guessed.
    try { Get-RdsSessionHostBroker }
    catch { $null }
}

function Set-RdsDeploymentLicensingOperation {
    param($Operation)
    $step = 'set-deployment-licensing'
    Import-RdsRemoteDesktopModule $step
    $wanted = [string[]]@($Operation.servers | Where-Object { $_ })
    $before = Read-RdsConnectionBroker
    if ($before.licensingMode -eq [string]$Operation.mode -and (Test-RdsSameList $before.licenseServers $wanted)) {
        return New-RdsResult -Kind $Operation.kind -Status noop -Detail ('deployment licensing is already {0}, [{1}]' -f $Operation.mode, ($wanted -join ', '))
    }
    Set-RdsDeploymentLicensing -Mode ([string]$Operation.mode) -Servers $wanted
    $after = Read-RdsConnectionBroker
    if ($after.licensingMode -ne [string]$Operation.mode -or -not (Test-RdsSameList $after.licenseServers $wanted)) {
        Stop-RdsStep (New-RdsFailure -Step $step -Code 'NOT_CONVERGED' -Message ('deployment licensing is {0}, [{1}] after setting {2}, [{3}]' -f $after.licensingMode, ($after.licenseServers -join ', '), $Operation.mode, ($wanted -join ', ')))
    }
    New-RdsResult -Kind $Operation.kind -Status done -Detail ('deployment licensing {0}, [{1}] -> {2}, [{3}]' -f $before.licensingMode, ($before.licenseServers -join ', '), $after.licensingMode, ($wanted -join ', '))
}
