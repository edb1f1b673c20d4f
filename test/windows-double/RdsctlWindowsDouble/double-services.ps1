# *-Service doubles over the fixture's "services" map (name -> Running / Stopped / ...).

function Get-DoubleServiceObject {
    param([hashtable]$State, [string]$Name)
    if (-not $State.services -or -not $State.services.ContainsKey($Name)) { return }
    [pscustomobject]@{ Name = $Name; Status = [string]$State.services[$Name]; StartType = 'Automatic' }
}

function Get-Service {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name)
    $state = Get-DoubleState
    $service = Get-DoubleServiceObject $state $Name
    if (-not $service) { Write-Error -Message "Cannot find any service with service name '$Name'." -Category ObjectNotFound; return }
    $service
}

function Set-DoubleServiceStatus {
    param([string]$Command, [string]$Name, [string]$Status)
    $state = Get-DoubleState
    if (-not (Get-DoubleServiceObject $state $Name)) { throw "Cannot find any service with service name '$Name'." }
    $state.services[$Name] = $Status
    Save-DoubleState $state
    Write-DoubleJournal $Command @{ name = $Name }
}

function Start-Service { [CmdletBinding()] param([Parameter(Position = 0)][string]$Name) Set-DoubleServiceStatus 'Start-Service' $Name 'Running' }
function Stop-Service { [CmdletBinding()] param([Parameter(Position = 0)][string]$Name, [switch]$Force) Set-DoubleServiceStatus 'Stop-Service' $Name 'Stopped' }
function Restart-Service { [CmdletBinding()] param([Parameter(Position = 0)][string]$Name, [switch]$Force) Set-DoubleServiceStatus 'Restart-Service' $Name 'Running' }
function Set-Service { [CmdletBinding()] param([Parameter(Position = 0)][string]$Name, [string]$StartupType) Write-DoubleJournal 'Set-Service' @{ name = $Name; startupType = $StartupType } }
