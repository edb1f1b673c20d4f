# Double of the RemoteDesktop module over the fixture's "connectionBroker":
# { Mode: 'PerUser', LicenseServer: [..], SessionHosts: [..], UseCentralLicensingSettings: true }.
# A host whose fixture has none does not have the module: importing it fails, as on a session host
# or licence server without the RD Connection Broker role.
Set-StrictMode -Off
. (Join-Path $PSScriptRoot '../RdsctlWindowsDouble/double-state.ps1')

function Get-DoubleBroker {
    $state = Get-DoubleState
    if (-not $state.connectionBroker) { throw [System.Management.Automation.CommandNotFoundException]::new('The RemoteDesktop module is not installed on this host') }
    $state
}

if (-not (Get-DoubleState).connectionBroker) {
    throw "The specified module 'RemoteDesktop' was not loaded because no valid module file was found in any module directory."
}

function Get-RDLicenseConfiguration {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$ConnectionBroker)
    $broker = (Get-DoubleBroker).connectionBroker
    [pscustomobject]@{ Mode = [string]$broker.Mode; LicenseServer = [string[]]@($broker.LicenseServer | Where-Object { $_ }) }
}

function Get-RDServer {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$ConnectionBroker, [Parameter(Position = 1)][string[]]$Role)
    $broker = (Get-DoubleBroker).connectionBroker
    if (@($Role) -notcontains 'RDS-RD-SERVER') { throw 'the Windows double serves only -Role RDS-RD-SERVER' }
    foreach ($server in @($broker.SessionHosts)) { [pscustomobject]@{ Server = [string]$server; Roles = @('RDS-RD-SERVER') } }
}

function Set-RDLicenseConfiguration {
    [CmdletBinding()]
    param([string]$Mode, [string[]]$LicenseServer, [switch]$Force, [string]$ConnectionBroker)
    $state = Get-DoubleBroker
    if (-not $Force) { throw 'Set-RDLicenseConfiguration would prompt for confirmation: the double requires -Force' }
    if ($Mode) {
        if (@('PerUser', 'PerDevice', 'NotConfigured') -notcontains $Mode) { throw "Cannot validate argument on parameter 'Mode'. The argument ""$Mode"" does not belong to the set" }
        $state.connectionBroker.Mode = $Mode
    }
    if ($PSBoundParameters.ContainsKey('LicenseServer')) { $state.connectionBroker.LicenseServer = [string[]]@($LicenseServer) }
    Write-DoubleJournal 'Set-RDLicenseConfiguration' @{ mode = $Mode; licenseServer = [string[]]@($LicenseServer); force = [bool]$Force }
    Save-DoubleState $state
}
