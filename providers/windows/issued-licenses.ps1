# Issued per-device CALs (Win32_TSIssuedLicense in root\cimv2, windows-reference.md section 2.9),
# each addressed by both of its keys, KeyPackId and LicenseId. They travel in the licence server's
# one read; at most Get-RdsIssuedLicenseReadCap are listed and the rest only counted, so a server
# with 50,000 issued licences still answers in one payload.

function Get-RdsIssuedLicenseReadCap { 50000 }

function ConvertTo-RdsIssuedLicenseTime {
    # CIM serves DATETIME as [datetime]: formatted inline, since this runs twice per licence.
    param($Value)
    if ($Value -is [datetime]) { return $Value.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture) }
    ConvertTo-RdsIsoTime $Value
}

function Add-RdsIssuedLicenses {
    # One pass, no pipeline and few calls per licence: 50,000 of them must stay cheap to read.
    param($Server, [switch]$ComputerAccounts)
    $cap = Get-RdsIssuedLicenseReadCap
    $statuses = @('unknown', 'temporary', 'active', 'upgrade', 'revoked', 'pending', 'concurrent')
    $listed = [System.Collections.Generic.List[object]]::new()
    $omitted = 0
    try { $instances = Get-CimInstance -Namespace root/cimv2 -ClassName Win32_TSIssuedLicense -ErrorAction Stop }
    catch { Stop-RdsStep (ConvertTo-RdsFailure $_ 'read-issued-licenses') }
    foreach ($license in $instances) {
        if ($listed.Count -ge $cap) { $omitted += 1; continue }
        $record = [ordered]@{ keyPackId = [int64]$license.KeyPackId; licenseId = [int64]$license.LicenseId }
        if ($license.sIssuedToComputer) { $record.issuedToComputer = [string]$license.sIssuedToComputer }
        if ($license.sIssuedToUser) { $record.issuedToUser = [string]$license.sIssuedToUser }
        if ($license.IssueDate) { $record.issuedAt = ConvertTo-RdsIssuedLicenseTime $license.IssueDate }
        if ($license.ExpirationDate) { $record.expiresAt = ConvertTo-RdsIssuedLicenseTime $license.ExpirationDate }
        $status = [int64]$license.LicenseStatus
        $record.status = 'unknown'
        if ($status -ge 0 -and $status -lt $statuses.Count) { $record.status = $statuses[$status] }
        $listed.Add($record)
    }
    if ($ComputerAccounts) { Add-RdsComputerAccounts $listed }
    $Server.issuedLicenses = $listed.ToArray()
    if ($omitted -gt 0) { $Server.issuedLicensesOmitted = $omitted }
    $Server
}

function Add-RdsComputerAccounts {
    # The directory account of each device holding an active CAL, asked once per device name. A
    # directory that cannot be asked (a workgroup server, no domain controller from this session)
    # leaves every account unknown: never a guess, and the read still succeeds.
    param($Listed)
    $states = @{}
    try {
        foreach ($record in $Listed) {
            $name = [string]$record.issuedToComputer
            if ($record.status -ne 'active' -or -not $name -or $states.ContainsKey($name)) { continue }
            $states[$name] = Get-RdsComputerAccountState -Name $name
        }
    }
    catch { return }
    foreach ($record in $Listed) {
        $state = $null
        if ($record.issuedToComputer -and $states.ContainsKey([string]$record.issuedToComputer)) { $state = $states[[string]$record.issuedToComputer] }
        if ($state) { $record.computerAccount = $state }
    }
}
