# Windows services rdsctl manages: TermServLicensing (licence server) and TermService (session
# host). Read and apply go through Get-Service / Start-Service / Stop-Service / Restart-Service.

function Read-RdsServiceState {
    param([string]$Name)
    $service = Get-Service -Name $Name -ErrorAction SilentlyContinue
    if (-not $service) { return 'missing' }
    switch ([string]$service.Status) {
        'Running' { 'running' }
        'Stopped' { 'stopped' }
        'Paused' { 'paused' }
        'StartPending' { 'starting' }
        'ContinuePending' { 'starting' }
        'StopPending' { 'stopping' }
        'PausePending' { 'stopping' }
        default { 'stopped' }
    }
}

function Invoke-RdsServiceOperation {
    param($Operation)
    $name = [string]$Operation.service
    if ($name -ne 'TermServLicensing' -and $name -ne 'TermService') {
        Stop-RdsStep (New-RdsFailure -Step $Operation.kind -Code 'INVALID_OPERATION' -Message ('rdsctl does not manage the service {0}' -f $name))
    }
    $state = Read-RdsServiceState -Name $name
    if ($state -eq 'missing') {
        Stop-RdsStep (New-RdsFailure -Step $Operation.kind -Code 'NOT_FOUND' -Message ('the service {0} is not installed on this host' -f $name))
    }
    if ($Operation.kind -eq 'restartService') {
        Restart-Service -Name $name -Force -ErrorAction Stop
        return New-RdsResult -Kind $Operation.kind -Status done -Detail ('restarted {0}' -f $name)
    }
    if ($state -eq $Operation.state) {
        return New-RdsResult -Kind $Operation.kind -Status noop -Detail ('{0} is already {1}' -f $name, $state)
    }
    if ($Operation.state -eq 'running') { Start-Service -Name $name -ErrorAction Stop }
    else { Stop-Service -Name $name -Force -ErrorAction Stop }
    $after = Read-RdsServiceState -Name $name
    if ($after -ne $Operation.state) {
        Stop-RdsStep (New-RdsFailure -Step $Operation.kind -Code 'NOT_CONVERGED' -Message ('{0} is {1} after asking for {2}' -f $name, $after, $Operation.state))
    }
    New-RdsResult -Kind $Operation.kind -Status done -Detail ('{0} is now {1}' -f $name, $after)
}
