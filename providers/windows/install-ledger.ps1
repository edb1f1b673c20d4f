# Install ledger: what rdsctl installed on this licence server and how Windows filed it, kept
# on the licence server itself so every runner (CLI, CI, Pulumi) sees the same record.
#
# File: $env:ProgramData\rdsctl\install-ledger.jsonl, one JSON object a line, append-only.
# Every entry has: id (string), kind (string), at (ISO-8601 UTC), and fields of its kind.
#
# API (other scripts call these; nothing else touches the file):
#   Add-RdsLedgerEntry -Kind K -Fields @{...}   appends one entry, returns it (with id and at)
#   Read-RdsLedgerEntries                       every entry, oldest first; a line that is not
#                                               JSON comes back as kind 'unreadable'
#   Get-RdsUnexplainedInstalls                  installs whose result was not what was asked
#                                               and that nobody has acknowledged since
#
# Kinds written here:
#   installStarted   before an install call: group, method, asked, before (snapshot)
#   installFinished  after it: installId, outcome ('asExpected' | 'unexplained' | 'failed'),
#                    after (snapshot), filedAs (the packs that grew, as Windows reports them), reason
#   acknowledged     installId, by, note: a person checked an unexplained install
# An installStarted without its installFinished (the run died mid-install) is unexplained.
# Other kinds (for example apply intent records) may be appended; readers ignore kinds they
# do not know.

function Get-RdsInstallLedgerPath {
    if (-not $env:ProgramData) {
        Stop-RdsStep (New-RdsFailure -Step 'install-ledger' -Code 'LEDGER_UNAVAILABLE' -Message 'ProgramData is not set on this host, so the install ledger has no place')
    }
    Join-Path (Join-Path $env:ProgramData 'rdsctl') 'install-ledger.jsonl'
}

function Add-RdsLedgerEntry {
    param([Parameter(Mandatory)][string]$Kind, [System.Collections.IDictionary]$Fields = @{})
    $path = Get-RdsInstallLedgerPath
    $directory = Split-Path -Parent $path
    if (-not (Test-Path -LiteralPath $directory)) { New-Item -ItemType Directory -Force -Path $directory | Out-Null }
    $entry = [ordered]@{
        id = [guid]::NewGuid().ToString()
        kind = $Kind
        at = [datetime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ', [System.Globalization.CultureInfo]::InvariantCulture)
    }
    foreach ($key in $Fields.Keys) { $entry[$key] = $Fields[$key] }
    $line = (ConvertTo-Json -InputObject $entry -Depth 10 -Compress) + "`n"
    [System.IO.File]::AppendAllText($path, $line, (New-Object System.Text.UTF8Encoding $false))
    $entry
}

function Read-RdsLedgerEntries {
    $path = Get-RdsInstallLedgerPath
    if (-not (Test-Path -LiteralPath $path)) { return }
    $number = 0
    foreach ($line in [System.IO.File]::ReadAllLines($path)) {
        $number++
        if (-not $line.Trim()) { continue }
        try { ConvertFrom-Json -InputObject $line }
        catch { [pscustomobject]@{ id = "line-$number"; kind = 'unreadable'; at = ''; reason = "line $number of $path is not JSON" } }
    }
}

function Get-RdsUnexplainedInstalls {
    # Fail safe: an unreadable line may be a lost install record, so it counts as unexplained.
    $entries = @(Read-RdsLedgerEntries)
    $finished = @{}; $acknowledged = @{}
    foreach ($entry in $entries) {
        if ($entry.kind -eq 'installFinished') { $finished[[string]$entry.installId] = $entry }
        if ($entry.kind -eq 'acknowledged') { $acknowledged[[string]$entry.installId] = $true }
    }
    foreach ($entry in $entries) {
        $id = [string]$entry.id
        if ($acknowledged.ContainsKey($id)) { continue }
        if ($entry.kind -eq 'unreadable') {
            [ordered]@{ id = $id; at = ''; reason = [string]$entry.reason }
            continue
        }
        if ($entry.kind -ne 'installStarted') { continue }
        $end = $finished[$id]
        if ($end -and [string]$end.outcome -ne 'unexplained') { continue }
        $reason = 'the install started but its result was never recorded'
        if ($end) { $reason = [string]$end.reason }
        # PowerShell 7's ConvertFrom-Json turns the time into a DateTime; 5.1 keeps the string.
        $item = [ordered]@{ id = $id; at = [string](ConvertTo-RdsIsoTime $entry.at); reason = $reason }
        $item.group = [ordered]@{ product = [string]$entry.group.product; type = [string]$entry.group.type; channel = [string]$entry.group.channel }
        $item.method = [string]$entry.method
        if ($end) { $item.filedAs = @($end.filedAs | Where-Object { $_ } | ForEach-Object { ConvertTo-RdsFiledPack $_ }) }
        $item
    }
}

function ConvertTo-RdsFiledPack {
    param($Pack)
    [ordered]@{
        keyPackId = [int64]$Pack.keyPackId; productVersionId = [int64]$Pack.productVersionId
        type = [string]$Pack.type; channel = [string]$Pack.channel; added = [int64]$Pack.added
    }
}

function Add-RdsInstallAcknowledgement {
    # For a person at the licence server, after checking an unexplained install in RD Licensing
    # Manager: . .\rdsctl-common.ps1; . .\install-ledger.ps1; Add-RdsInstallAcknowledgement -InstallId ID -Note '...'
    param([Parameter(Mandatory)][string]$InstallId, [string]$Note = '')
    Add-RdsLedgerEntry -Kind acknowledged -Fields ([ordered]@{ installId = $InstallId; by = [string]$env:USERNAME; note = $Note })
}
