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
#   Get-RdsUnsettledRevocations                 revocations started and never finished (the run
#                                               died mid-revoke) that no later run observed
#   Add-RdsRevocationObservation -RevokeId ID -Observation TEXT
#                                               a later run records what it saw instead
#
# Kinds written here:
#   installStarted   before an install call: group, method, asked, before (snapshot)
#   installFinished  after it: installId, outcome ('asExpected' | 'unexplained' | 'failed'),
#                    after (snapshot), filedAs (the packs that grew, as Windows reports them), reason
#   acknowledged     installId, by, note: a person checked an unexplained install
#   revokeStarted    before a Revoke call: keyPackId, licenseId, issuedToComputer, intent (the
#                    runner's record of intent: id, time, address, user, machine, ciRunId, planDigest)
#   revokeFinished   after it: revokeId, outcome ('revoked' | 'failed'), reason
#   revokeObserved   revokeId, observation, licenseStatus (as read then), by: a later run settled
#                    a revokeStarted without end
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

function Get-RdsUnsettledRevocations {
    # The runner's intent of each revokeStarted with neither revokeFinished nor revokeObserved,
    # in the shape rdsctl reports it ("started, outcome unknown, now observed as ...").
    $entries = @(Read-RdsLedgerEntries)
    $settled = @{}
    foreach ($entry in $entries) {
        if ($entry.kind -eq 'revokeFinished' -or $entry.kind -eq 'revokeObserved') { $settled[[string]$entry.revokeId] = $true }
    }
    foreach ($entry in $entries) {
        if ($entry.kind -ne 'revokeStarted' -or $settled.ContainsKey([string]$entry.id)) { continue }
        $intent = $entry.intent
        $address = ('licenseServer[{0}].issuedLicense[{1}-{2}]' -f $global:RdsctlTargetHost, $entry.keyPackId, $entry.licenseId)
        $item = [ordered]@{
            revokeId = [string]$entry.id; at = [string](ConvertTo-RdsIsoTime $entry.at)
            keyPackId = [int64]$entry.keyPackId; licenseId = [int64]$entry.licenseId
            intentId = [string]$entry.id; address = $address; user = ''; machine = ''; planDigest = 'none'
        }
        if ($intent) {
            $item.intentId = [string]$intent.id; $item.at = ConvertTo-RdsIntentTime $intent.time; $item.address = [string]$intent.address
            $item.user = [string]$intent.user; $item.machine = [string]$intent.machine; $item.planDigest = [string]$intent.planDigest
            if ($intent.ciRunId) { $item.ciRunId = [string]$intent.ciRunId }
        }
        $item
    }
}

function Add-RdsRevocationObservation {
    # LicenseStatus: the licence's Win32_TSIssuedLicense.LicenseStatus read just before (4 = revoked), $null when gone.
    param([Parameter(Mandatory)][string]$RevokeId, [Parameter(Mandatory)][string]$Observation, $LicenseStatus)
    Add-RdsLedgerEntry -Kind revokeObserved -Fields ([ordered]@{ revokeId = $RevokeId; observation = $Observation; licenseStatus = $LicenseStatus; by = [string]$env:USERNAME })
}

function ConvertTo-RdsIntentTime {
    # The runner's intent time as it wrote it (ISO-8601 UTC with milliseconds); PowerShell 7's
    # ConvertFrom-Json turns it into a DateTime, 5.1 keeps the string.
    param($Value)
    if ($Value -is [datetime]) { return $Value.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.fffZ', [System.Globalization.CultureInfo]::InvariantCulture) }
    [string]$Value
}
