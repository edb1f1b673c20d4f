# What a host is: its Windows Server version (from the build number) and its IP addresses,
# used to match licence servers that are listed by address, and its domain membership.

function Get-RdsOsVersion {
    param([string]$BuildNumber)
    $build = [int64]0
    if (-not [int64]::TryParse($BuildNumber, [ref]$build)) { return $null }
    if ($build -ge 26100) { return 'windowsServer2025' }
    if ($build -ge 20348) { return 'windowsServer2022' }
    if ($build -ge 17763) { return 'windowsServer2019' }
    if ($build -ge 14393) { return 'windowsServer2016' }
    if ($build -ge 9200) { return 'windowsServer2012' }
    if ($build -ge 7600) { return 'windowsServer2008R2' }
    if ($build -ge 6001) { return 'windowsServer2008' }
    $null
}

function Read-RdsHostIdentity {
    $identity = [ordered]@{}
    $os = Get-CimInstance -Namespace root/cimv2 -ClassName Win32_OperatingSystem -ErrorAction Stop | Select-Object -First 1
    $version = Get-RdsOsVersion ([string]$os.BuildNumber)
    if ($version) { $identity.os = $version }
    $adapters = @(Get-CimInstance -Namespace root/cimv2 -ClassName Win32_NetworkAdapterConfiguration -Filter 'IPEnabled = TRUE' -ErrorAction Stop)
    $addresses = @($adapters | ForEach-Object { $_.IPAddress } | Where-Object { $_ } | Select-Object -Unique)
    if ($addresses.Count -gt 0) { $identity.addresses = $addresses }
    $membership = Read-RdsDomainMembership
    if ($membership) { $identity.membership = $membership }
    $identity
}
