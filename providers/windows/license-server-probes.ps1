# Probes from a session host to each licence server it lists (windows-reference.md section 3.1):
# does the name resolve, and does TCP 135 (the RPC endpoint mapper) answer? They explain the
# host's own connectivity verdict. They run on the session host, so they see its DNS and its
# network path, not rdsctl's: the connection's address map is never used here.

function Test-RdsAddressText {
    # An IPv4 or IPv6 literal, as a server can be listed by address. (TryParse alone would also take
    # "10" or "10.1" for an address.)
    param([string]$Name)
    if ($Name -match '^\d{1,3}(\.\d{1,3}){3}$') { return $true }
    $parsed = $null
    $Name.Contains(':') -and [System.Net.IPAddress]::TryParse($Name, [ref]$parsed)
}

function Resolve-RdsServerAddress {
    # The first A or AAAA answer (a CNAME chain comes first), or $null when the name does not resolve.
    param([string]$Name)
    try { $answers = @(Resolve-DnsName -Name $Name -ErrorAction Stop) }
    catch {
        # A missing command is not a name that failed to resolve.
        if ($_.Exception -is [System.Management.Automation.CommandNotFoundException]) { throw }
        return $null
    }
    $found = $answers | Where-Object { @('A', 'AAAA') -contains [string]$_.Type -and $_.IPAddress } | Select-Object -First 1
    if ($found) { return [string]$found.IPAddress }
    $null
}

function Test-RdsRpcEndpointMapper {
    # Test-NetConnection, the check Microsoft's guidance uses. It has no timeout of its own: a port
    # that drops packets takes about 21 s to fail, which the probe budget below accounts for. A
    # .NET TcpClient would be faster but is no command: tests could not keep it off the network.
    param([string]$Address)
    $result = Test-NetConnection -ComputerName $Address -Port 135 -WarningAction SilentlyContinue
    [bool]$result.TcpTestSucceeded
}

function Read-RdsLicenseServerProbe {
    param([string]$Server)
    $address = $Server
    if (-not (Test-RdsAddressText $Server)) { $address = Resolve-RdsServerAddress $Server }
    if (-not $address) { return [ordered]@{ resolves = $false; rpcPort135 = $false } }
    [ordered]@{ resolves = $true; address = $address; rpcPort135 = (Test-RdsRpcEndpointMapper $address) }
}

function Read-RdsLicenseServerProbes {
    # One probe per listed server, keyed by the name as listed, in list order. Another server is
    # started only while the budget lasts, so ports that drop packets cannot use up the host's
    # read timeout; a server left out, or whose probe could not run, has no entry.
    param([string[]]$Servers, [int]$BudgetSeconds)
    $probes = [ordered]@{}
    $started = Get-Date
    foreach ($server in @($Servers | Where-Object { $_ })) {
        if ($probes.Contains($server)) { continue }
        if ($probes.Count -gt 0 -and ((Get-Date) - $started).TotalSeconds -ge $BudgetSeconds) { break }
        try { $probes[$server] = Read-RdsLicenseServerProbe $server }
        catch { continue }
    }
    $probes
}
