# Win32_TSLicenseReport (root\cimv2): GenerateReportEx (static) adds a report object to the
# host's state, as Windows keeps it until deleted; FetchReportEntries serves the fixture's
# perUserEntries (User, ProductVersionID, ExpirationDate); DeleteReport removes the report. A
# fixture with "reportDeleteFails" refuses the delete.

function Get-DoubleLicenseReports {
    param([hashtable]$State)
    if (-not $State.licenseServer) { throw [System.Runtime.InteropServices.COMException]::new('Invalid class Win32_TSLicenseReport', [int]-2147217392) }
    foreach ($report in @($State.licenseReports)) {
        if ($report) { New-DoubleInstance 'Win32_TSLicenseReport' @{ FileName = [string]$report.FileName; GenerationDateTime = [datetime]::Parse([string]$report.GenerationDateTime, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]'AdjustToUniversal, AssumeUniversal') } }
    }
}

function Invoke-DoubleLicenseReportMethod {
    param([hashtable]$State, [string]$Method, $InputObject)
    $reports = [System.Collections.Generic.List[object]]::new()
    foreach ($report in @($State.licenseReports)) { if ($report) { $reports.Add($report) } }
    switch ($Method) {
        'GenerateReportEx' {
            $fileName = 'rdsctl-double-report-{0}' -f ($reports.Count + 1)
            $reports.Add(@{ FileName = $fileName; GenerationDateTime = '2026-11-02T09:00:00Z' })
            $State.licenseReports = $reports.ToArray()
            Save-DoubleState $State
            Write-DoubleJournal 'Invoke-CimMethod' @{ class = 'Win32_TSLicenseReport'; method = $Method; fileName = $fileName }
            return New-DoubleMethodResult -Out @{ FileName = $fileName }
        }
        'FetchReportEntries' {
            Write-DoubleJournal 'Invoke-CimMethod' @{ class = 'Win32_TSLicenseReport'; method = $Method; fileName = [string]$InputObject.FileName }
            $entries = foreach ($entry in @($State.perUserEntries)) {
                if ($entry) { New-DoubleInstance 'Win32_TSLicenseReportEntry' @{ User = $entry.User; ProductVersionID = [uint32]$entry.ProductVersionID; CALType = [uint32]1; ExpirationDate = [datetime]::Parse([string]$entry.ExpirationDate, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]'AdjustToUniversal, AssumeUniversal') } }
            }
            return New-DoubleMethodResult -Out @{ Count = [uint32]@($entries).Count; ReportEntries = @($entries) }
        }
        'DeleteReport' {
            if ($State.reportDeleteFails) {
                Write-DoubleJournal 'Invoke-CimMethod' @{ class = 'Win32_TSLicenseReport'; method = $Method; fileName = [string]$InputObject.FileName; refused = [uint32]2147749889 }
                return New-DoubleMethodResult -ReturnValue 2147749889
            }
            $State.licenseReports = @($reports | Where-Object { [string]$_.FileName -ne [string]$InputObject.FileName })
            Save-DoubleState $State
            Write-DoubleJournal 'Invoke-CimMethod' @{ class = 'Win32_TSLicenseReport'; method = $Method; fileName = [string]$InputObject.FileName }
            return New-DoubleMethodResult
        }
    }
    throw "the Windows double has no method Win32_TSLicenseReport.$Method"
}
