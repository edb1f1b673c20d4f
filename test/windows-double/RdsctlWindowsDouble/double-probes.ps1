# Event log and network probe doubles: answered from the fixture, never from the network. No DNS
# query and no packet leaves this machine: names resolve from the fixture's "dns" map or from the
# test's address map (addresses.json, the connection's addresses), TCP tests read the "tcp" map.

function New-DoubleErrorRecord {
    param([string]$Message, [string]$ErrorId, [System.Management.Automation.ErrorCategory]$Category, $Target)
    [System.Management.Automation.ErrorRecord]::new([System.Exception]::new($Message), $ErrorId, $Category, $Target)
}

function Find-DoubleEntry {
    # A key of a fixture map, case-insensitively: returns @{ Found; Value }.
    param($Map, [string]$Key)
    if ($Map) {
        foreach ($candidate in $Map.Keys) {
            if ([string]::Equals([string]$candidate, $Key, [System.StringComparison]::OrdinalIgnoreCase)) { return @{ Found = $true; Value = $Map[$candidate] } }
        }
    }
    @{ Found = $false; Value = $null }
}

function ConvertTo-DoubleEventRecord {
    # As Get-WinEvent returns it: TimeCreated in local time, as on Windows.
    param($Entry)
    $time = $Entry.TimeCreated
    if ($time -isnot [datetime]) {
        $styles = [System.Globalization.DateTimeStyles]'AdjustToUniversal, AssumeUniversal'
        $time = [datetime]::Parse([string]$time, [cultureinfo]::InvariantCulture, $styles)
    }
    [pscustomobject]@{ Id = [int]$Entry.Id; LogName = [string]$Entry.LogName; ProviderName = [string]$Entry.ProviderName; TimeCreated = $time.ToLocalTime(); Message = $Entry.Message }
}

function Get-WinEvent {
    # Fixture: { "events": [{ Id, LogName, ProviderName, TimeCreated, Message }], "missingLogs": [...] };
    # a failure named "Get-WinEvent:<log>" makes that log throw.
    [CmdletBinding()]
    param([hashtable]$FilterHashtable, [int64]$MaxEvents = [int64]::MaxValue)
    $state = Get-DoubleState
    $logName = [string]$FilterHashtable.LogName
    $null = Invoke-DoubleFailure -State $state -Name "Get-WinEvent:$logName"
    $ids = @($FilterHashtable.Id)
    # Windows refuses the XPath query a hashtable with many ids turns into (PowerShell issue 12303).
    if ($ids.Count -gt 20) { $PSCmdlet.ThrowTerminatingError((New-DoubleErrorRecord 'The specified query is invalid' 'System.Diagnostics.Eventing.Reader.EventLogException' InvalidArgument $null)) }
    if (@($state.missingLogs) -contains $logName) {
        $PSCmdlet.ThrowTerminatingError((New-DoubleErrorRecord "There is not an event log on the localhost computer that matches `"$logName`"." 'NoMatchingLogsFound' ObjectNotFound $logName))
    }
    $since = [datetime]::MinValue
    if ($FilterHashtable.StartTime) { $since = ([datetime]$FilterHashtable.StartTime).ToUniversalTime() }
    $found = @(@($state.events) | Where-Object { $_ -and [string]$_.LogName -eq $logName -and $ids -contains [int]$_.Id } |
            ForEach-Object { ConvertTo-DoubleEventRecord $_ } |
            Where-Object { $_.TimeCreated.ToUniversalTime() -ge $since } |
            Sort-Object -Property TimeCreated -Descending | Select-Object -First $MaxEvents)
    if ($found.Count -eq 0) {
        $PSCmdlet.ThrowTerminatingError((New-DoubleErrorRecord 'No events were found that match the specified selection criteria.' 'NoMatchingEventsFound' ObjectNotFound $null))
    }
    $found
}

function Find-DoubleDnsAnswer {
    # The fixture's "dns" map first (an address, a list with "cname:" entries, or null for a name
    # that does not exist), then the test's address map by full or short name.
    param([hashtable]$State, [string]$Name)
    $entry = Find-DoubleEntry $State.dns $Name
    if ($entry.Found) { return , @($entry.Value | Where-Object { $_ }) }
    $map = Get-Content -Raw -LiteralPath (Join-Path (Get-DoubleDirectory) 'addresses.json') | ConvertFrom-Json -AsHashtable
    foreach ($address in $map.Keys) {
        $hostName = [string]$map[$address]
        if ([string]::Equals($hostName, $Name, [System.StringComparison]::OrdinalIgnoreCase) -or
            [string]::Equals($hostName.Split('.')[0], $Name, [System.StringComparison]::OrdinalIgnoreCase)) { return , @([string]$address) }
    }
    , @()
}

function Resolve-DnsName {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name, [string]$Type = 'A_AAAA')
    $state = Get-DoubleState
    # Assigned, not wrapped in @(): the answer list comes back as one array, possibly empty.
    $answers = Find-DoubleDnsAnswer -State $state -Name $Name
    if ($answers.Count -eq 0) {
        $PSCmdlet.ThrowTerminatingError((New-DoubleErrorRecord "${Name} : DNS name does not exist" 'DNS_ERROR_RCODE_NAME_ERROR' ResourceUnavailable $Name))
    }
    foreach ($answer in $answers) {
        $text = [string]$answer
        if ($text.StartsWith('cname:')) { [pscustomobject]@{ Name = $Name; Type = 'CNAME'; Section = 'Answer'; NameHost = $text.Substring(6) }; continue }
        $recordType = 'A'
        if ($text.Contains(':')) { $recordType = 'AAAA' }
        [pscustomobject]@{ Name = $Name; Type = $recordType; Section = 'Answer'; IPAddress = $text }
    }
}

function Test-NetConnection {
    # Fixture: { "tcp": { "10.0.0.11:135": true }, "tcpSeconds": 2 } (each test takes that long).
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$ComputerName, [int]$Port, [string]$InformationLevel = 'Detailed')
    $state = Get-DoubleState
    if ($state.tcpSeconds) { Start-Sleep -Seconds $state.tcpSeconds }
    $open = [bool](Find-DoubleEntry $state.tcp "${ComputerName}:$Port").Value
    [pscustomobject]@{ ComputerName = $ComputerName; RemoteAddress = $ComputerName; RemotePort = $Port; TcpTestSucceeded = $open }
}
