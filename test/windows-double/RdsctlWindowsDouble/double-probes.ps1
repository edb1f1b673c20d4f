# Event log and network probe doubles: answered from the fixture, never from the network.

function Get-WinEvent {
    [CmdletBinding()]
    param([hashtable]$FilterHashtable, [int]$MaxEvents = 1000)
    $state = Get-DoubleState
    $found = @(@($state.events) | Where-Object {
            $_ -and $_.LogName -eq $FilterHashtable.LogName -and @($FilterHashtable.Id) -contains [int]$_.Id
        } | Select-Object -First $MaxEvents)
    if ($found.Count -eq 0) { throw 'No events were found that match the specified selection criteria.' }
    foreach ($event in $found) {
        [pscustomobject]@{ Id = [int]$event.Id; LogName = $event.LogName; TimeCreated = [datetime]::Parse($event.TimeCreated, [cultureinfo]::InvariantCulture, 'AdjustToUniversal'); Message = $event.Message }
    }
}

function Resolve-DnsName {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$Name)
    $state = Get-DoubleState
    if (-not $state.dns -or -not $state.dns.ContainsKey($Name)) { throw "${Name} : DNS name does not exist" }
    [pscustomobject]@{ Name = $Name; Type = 'A'; IPAddress = $state.dns[$Name] }
}

function Test-NetConnection {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string]$ComputerName, [int]$Port)
    $state = Get-DoubleState
    $open = $state.tcp -and $state.tcp.ContainsKey("${ComputerName}:$Port") -and $state.tcp["${ComputerName}:$Port"]
    [pscustomobject]@{ ComputerName = $ComputerName; RemotePort = $Port; TcpTestSucceeded = [bool]$open }
}
