# Recent licensing events on a session host (windows-reference.md section 6.1), as evidence for
# diagnosis. Events are best effort: a log that cannot be read yields no events, not a failure.

function Get-RdsLicensingEventQueries {
    @(
        @{ LogName = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin'; Id = @(1004, 1011, 1028, 1068, 1069, 50195, 50213, 50280, 50281, 50282, 50283, 50284, 50285) },
        @{ LogName = 'System'; Id = @(1128, 1129, 1130, 1131) }
    )
}

function Read-RdsLicensingEvents {
    param([int]$Days = 7, [int]$MaxEvents = 20)
    $since = (Get-Date).AddDays(-$Days)
    foreach ($query in (Get-RdsLicensingEventQueries)) {
        $filter = @{ LogName = $query.LogName; Id = $query.Id; StartTime = $since }
        $found = @()
        try { $found = @(Get-WinEvent -FilterHashtable $filter -MaxEvents $MaxEvents -ErrorAction Stop) }
        catch { $found = @() }
        foreach ($record in $found) {
            $entry = [ordered]@{ id = [int64]$record.Id; log = [string]$query.LogName; time = (ConvertTo-RdsIsoTime $record.TimeCreated) }
            if ($record.Message) { $entry.message = [string]$record.Message }
            $entry
        }
    }
}
