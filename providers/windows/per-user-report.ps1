# Per-user CAL usage (Win32_TSLicenseReport in root\cimv2, windows-reference.md section 2.10).
# This read writes: the static GenerateReportEx creates a report object on the licence server
# (listed in RD Licensing Manager), so it runs only when the request asks for it
# (--per-user-report), and the report is deleted again with DeleteReport, also when reading its
# entries fails. FetchReportEntries with Count 0 returns every entry in one call; at most
# Get-RdsPerUserReportReadCap are listed and the rest only counted.

function Get-RdsPerUserReportReadCap { 50000 }

function Add-RdsPerUserReport {
    param($Server)
    $step = 'read-per-user-report'
    try { $generated = Invoke-CimMethod -Namespace root/cimv2 -ClassName Win32_TSLicenseReport -MethodName GenerateReportEx -ErrorAction Stop }
    catch { Stop-RdsStep (ConvertTo-RdsFailure $_ $step) }
    Assert-RdsReturnValue -Result $generated -Step $step -What 'GenerateReportEx'
    $fileName = [string]$generated.FileName
    $report = Get-CimInstance -Namespace root/cimv2 -ClassName Win32_TSLicenseReport -Filter ("FileName='{0}'" -f $fileName.Replace("'", "''")) -ErrorAction Stop | Select-Object -First 1
    if (-not $report) { Stop-RdsStep (New-RdsFailure -Step $step -Message ('GenerateReportEx named report {0}, which Windows then did not list' -f $fileName)) }
    try {
        $fetched = Invoke-CimMethod -InputObject $report -MethodName FetchReportEntries -Arguments @{ StartIndex = [uint32]0; Count = [uint32]0 } -ErrorAction Stop
        Assert-RdsReturnValue -Result $fetched -Step $step -What 'FetchReportEntries'
        $generatedAt = $report.GenerationDateTime
        $Server.perUserReport = ConvertTo-RdsPerUserReport -Entries @($fetched.ReportEntries) -GeneratedAt $generatedAt
    }
    finally {
        $deleted = Invoke-CimMethod -InputObject $report -MethodName DeleteReport -ErrorAction SilentlyContinue
        if (-not $deleted -or [uint32]$deleted.ReturnValue -ne 0) { $Server.perUserReportLeftBehind = $fileName }
    }
    $Server
}

function ConvertTo-RdsPerUserReport {
    param([object[]]$Entries, $GeneratedAt)
    $cap = Get-RdsPerUserReportReadCap
    $listed = [System.Collections.Generic.List[object]]::new()
    $omitted = 0
    foreach ($entry in $Entries) {
        if (-not $entry) { continue }
        if ($listed.Count -ge $cap) { $omitted += 1; continue }
        $record = [ordered]@{ user = [string]$entry.User; productVersionId = [int64]$entry.ProductVersionID }
        $product = Get-RdsProductByVersionId $entry.ProductVersionID
        if ($product) { $record.product = $product }
        if ($entry.ExpirationDate) { $record.expiresAt = ConvertTo-RdsIssuedLicenseTime $entry.ExpirationDate }
        $listed.Add($record)
    }
    if (-not $GeneratedAt) { $GeneratedAt = [datetime]::UtcNow }
    $report = [ordered]@{ generatedAt = (ConvertTo-RdsIssuedLicenseTime $GeneratedAt); entries = $listed.ToArray() }
    if ($omitted -gt 0) { $report.entriesOmitted = $omitted }
    $report
}
