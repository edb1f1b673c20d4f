# Recent licensing events (windows-reference.md section 6) as evidence for diagnosis: the Remote
# Connection Manager's on a session host (6.1), the RD Licensing service's on a licence server
# (6.2). Only those providers' records count: the System log reuses the same ids for unrelated
# sources (Group Policy logs 1129, Windows Update 19 and 20).

function Get-RdsLicensingEventPlan {
    param([ValidateSet('sessionHost', 'licenseServer')][string]$Role)
    if ($Role -eq 'sessionHost') {
        return @{
            Logs = @('Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin', 'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational', 'System')
            # 1128-1131 and 50280-50283 are two forms of the same four events; both are asked for.
            Ids = @(1004, 1011, 1028, 1068, 1069, 1128, 1129, 1130, 1131, 50195, 50213, 50280, 50281, 50282, 50283, 50284, 50285)
            Providers = @('Microsoft-Windows-TerminalServices-RemoteConnectionManager') + @(Get-RdsClassicSessionHostEventSources)
        }
    }
    @{
        Logs = @('System', 'Microsoft-Windows-TerminalServices-Licensing/Operational')
        Ids = @(17, 18, 19, 20, 21, 70, 71, 72, 73, 74, 76, 89, 90, 92, 93, 4105, 4106, 4107, 4108, 4140, 4141, 4144, 8196)
        Providers = @('Microsoft-Windows-TerminalServices-Licensing', 'TermServLicensing')
    }
}

function Test-RdsNoEventsError {
    # Get-WinEvent reports "no matching events" and "no such log" as errors; both mean no events.
    param($ErrorRecord)
    $id = [string]$ErrorRecord.FullyQualifiedErrorId
    $id.StartsWith('NoMatchingEventsFound') -or $id.StartsWith('NoMatchingLogsFound')
}

function Read-RdsLogEvents {
    # Records of one log since a time. Windows refuses the XPath query a hashtable with more than
    # about 20 ids turns into (PowerShell issue 12303), so the ids go in batches of 10.
    param([string]$LogName, [int[]]$Ids, [datetime]$Since, [int]$MaxEvents)
    for ($first = 0; $first -lt $Ids.Count; $first += 10) {
        $last = [Math]::Min($first + 10, $Ids.Count) - 1
        $filter = @{ LogName = $LogName; Id = $Ids[$first..$last]; StartTime = $Since }
        try { Get-WinEvent -FilterHashtable $filter -MaxEvents $MaxEvents -ErrorAction Stop }
        catch { if (-not (Test-RdsNoEventsError $_)) { throw } }
    }
}

function ConvertTo-RdsEventMessage {
    # One line of at most 300 characters: enough to recognise the event.
    param([string]$Text)
    $line = ($Text -replace '\s+', ' ').Trim()
    if ($line.Length -le 300) { return $line }
    $line.Substring(0, 297) + '...'
}

function ConvertTo-RdsEvent {
    param($Record)
    $entry = [ordered]@{ id = [int64]$Record.Id; log = [string]$Record.LogName; time = (ConvertTo-RdsIsoTime $Record.TimeCreated) }
    $message = ''
    if ($Record.Message) { $message = ConvertTo-RdsEventMessage ([string]$Record.Message) }
    if ($message) { $entry.message = $message }
    $entry
}

function Read-RdsLicensingEvents {
    # The 50 newest licensing events of the last 7 days, newest first. $null when a log could not
    # be read for another reason than having no such events: an empty list would claim a clean log.
    param([ValidateSet('sessionHost', 'licenseServer')][string]$Role)
    $plan = Get-RdsLicensingEventPlan $Role
    $since = (Get-Date).AddDays(-7)
    $records = @()
    try {
        foreach ($log in $plan.Logs) { $records += @(Read-RdsLogEvents -LogName $log -Ids $plan.Ids -Since $since -MaxEvents 500) }
    }
    catch { return $null }
    $ours = @($records | Where-Object { $_ -and $plan.Providers -contains [string]$_.ProviderName })
    $order = @(
        @{ Expression = { $_.TimeCreated.ToUniversalTime() }; Descending = $true },
        @{ Expression = { [string]$_.LogName }; Descending = $false },
        @{ Expression = { [int64]$_.Id }; Descending = $false }
    )
    $events = @($ours | Sort-Object -Property $order | Select-Object -First 50 | ForEach-Object { ConvertTo-RdsEvent $_ })
    # The comma keeps an empty list a list: "no events" is [], not "not read".
    return , $events
}
